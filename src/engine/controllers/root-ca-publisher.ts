/** The root CA publisher: every active namespace has the `kube-root-ca.crt` ConfigMap pods use to trust the API. */
import type { Controller } from '../runtime/controller-manager';
import { ensureInEveryNamespace } from './ensure-in-namespaces';

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A placeholder certificate: the simulated cluster has no TLS, but the object looks as it does on a real one. */
const CA_CRT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIKUBEUGxBYTEwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDKdWJlcGxheSBzaW11bGF0ZWQgY2x1c3RlciBjZXJ0aWZpY2F0ZSBhdXRo
-----END CERTIFICATE-----
`;

export const rootCaPublisher: Controller = {
  name: 'root-ca-cert-publisher',
  start(ctx) {
    ensureInEveryNamespace(ctx, 'configmaps', 'kube-root-ca.crt', (ns) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': DESCRIPTION } },
      data: { 'ca.crt': CA_CRT },
    }));
  },
};
