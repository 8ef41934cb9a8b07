/**
 * The PEM block checks of Go's tls.X509KeyPair, which `kubectl create secret tls` runs on --cert and --key (the
 * cryptographic match of the pair is not simulated).
 */

/** Types of the PEM blocks in the text, in order (pem.Decode skips text between blocks). */
function pemBlockTypes(text: string): string[] {
  const types: string[] = [];
  const re = /-----BEGIN ([^-\n]*)-----[\s\S]*?-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) types.push(m[1]);
  return types;
}

const isKeyType = (t: string) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY');

/** The error X509KeyPair returns for these inputs, or undefined when the blocks are where they belong. */
export function keyPairError(certPEM: string, keyPEM: string): string | undefined {
  const certTypes = pemBlockTypes(certPEM);
  if (!certTypes.includes('CERTIFICATE')) {
    if (!certTypes.length) return 'tls: failed to find any PEM data in certificate input';
    if (certTypes.length === 1 && isKeyType(certTypes[0])) {
      return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
    }
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certTypes.join(' ')}]`;
  }
  const skipped: string[] = [];
  for (const t of pemBlockTypes(keyPEM)) {
    if (isKeyType(t)) return undefined;
    skipped.push(t);
  }
  if (!skipped.length) return 'tls: failed to find any PEM data in key input';
  if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') return 'tls: found a certificate rather than a key in the PEM for the private key';
  return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`;
}
