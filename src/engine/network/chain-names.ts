/**
 * kube-proxy's chain names and probabilities (pkg/proxy/iptables/proxier.go): a chain name is a prefix plus the first
 * 16 characters of base32(sha256(servicePortName + protocol [+ endpoint])), so every node computes the same names.
 */
import { sha256 } from '../sha256';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (Go's base32.StdEncoding), without the padding the chain names never reach. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** portProtoHash: the 16-character hash in a chain name. */
const hash16 = (text: string) => base32(sha256(text)).slice(0, 16);

/** ServicePortName.String(): `ns/name` or `ns/name:port-name`. */
export const servicePortName = (ns: string, name: string, portName: string) => `${ns}/${name}${portName ? `:${portName}` : ''}`;

/** The chains of one service port; `protocol` is lowercase (`tcp`). */
export function serviceChains(spn: string, protocol: string) {
  const h = hash16(spn + protocol);
  return { svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` };
}

/** servicePortEndpointChainName: the KUBE-SEP chain of one endpoint (`ip:port`). */
export const endpointChain = (spn: string, protocol: string, endpoint: string) => `KUBE-SEP-${hash16(spn + protocol + endpoint)}`;

/** computeProbability: what kube-proxy writes for the rule that picks one of the n endpoints still in play. */
export const computeProbability = (n: number) => (1 / n).toFixed(10);

/**
 * What `iptables-save` prints for that rule: xt_statistic keeps lround(p * 2^31) and prints it back with %.11f, so
 * kube-proxy's 0.3333333333 reads 0.33333333349 on a node.
 */
export function savedProbability(n: number): string {
  const stored = Math.round(Number(computeProbability(n)) * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}
