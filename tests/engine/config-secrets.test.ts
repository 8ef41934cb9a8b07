/**
 * Secrets: the API server's decoding (base64 `data`, write-only `stringData`), type validation, the kubectl
 * generators (outputs compared with the real kubectl v1.32's, saved under fixtures/config/) and describe, which
 * shows sizes instead of values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { FileSystem } from '../../src/engine/types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/config/${name}`, import.meta.url), 'utf8');

const fs: FileSystem = {
  readFile: (p) => ({ '/w/tls.crt': fixture('tls.crt'), '/w/tls.key': fixture('tls.key') })[p],
  readDir: () => undefined,
  join: (d, n) => `${d}/${n}`,
};

const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n${body}`;

describe('Secret data and stringData', () => {
  it('stringData is merged into data (stringData wins) and never returned', () => {
    const c = createCluster();
    const r = c.kubectl('kubectl apply -f -', secret('data:\n  user: b2xk\n  token: aGVsbG8=\nstringData:\n  user: admin\n  password: s3cr3t!!\n'));
    expect(r.stdout).toBe('secret/s created\n');
    const stored = JSON.parse(c.kubectl('kubectl get secret s -o json').stdout);
    expect(stored.data).toEqual({ password: 'czNjcjN0ISE=', token: 'aGVsbG8=', user: 'YWRtaW4=' });
    expect(stored.stringData).toBeUndefined();
    expect(stored.type).toBe('Opaque');
    expect(c.kubectl('kubectl get secret s --no-headers').stdout).toMatch(/^s\s+Opaque\s+3\s+\S+\n$/);
  });

  it('data must be base64', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl apply -f -', secret('data:\n  password: not base64!\n')).stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n',
    );
  });

  it('typed Secrets need their keys', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl create -f -', secret('type: kubernetes.io/tls\nstringData:\n  tls.crt: x\n')).stderr).toBe(
      'The Secret "s" is invalid: data[tls.key]: Required value\n',
    );
    expect(c.kubectl('kubectl create -f -', secret('type: kubernetes.io/dockerconfigjson\n')).stderr).toBe(
      'The Secret "s" is invalid: data[.dockerconfigjson]: Required value\n',
    );
    expect(c.kubectl('kubectl create -f -', secret('type: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: nope\n')).stderr).toBe(
      `The Secret "s" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'o' in literal null (expecting 'u')\n`,
    );
  });
});

describe('kubectl create secret', () => {
  it('tls and docker-registry print what the real kubectl prints', () => {
    const c = createCluster({ fs });
    expect(c.kubectl('kubectl create secret tls shop-tls --cert=/w/tls.crt --key=/w/tls.key -n shop --dry-run=client -o yaml').stdout).toBe(
      fixture('tls-secret.expected.yaml'),
    );
    expect(c.kubectl('kubectl create secret tls shop-tls --cert=/w/tls.crt --key=/w/tls.key --append-hash --dry-run=client -o name').stdout).toBe(
      'secret/shop-tls-5dmt4b45gt\n',
    );
    expect(
      c.kubectl('kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x --docker-server=ghcr.io --dry-run=client -o yaml')
        .stdout,
    ).toBe(fixture('docker-secret.expected.yaml'));
  });

  it('docker-registry encodes .dockerconfigjson as Go does (HTML characters escaped)', () => {
    const c = createCluster();
    const out = JSON.parse(c.kubectl(`kubectl create secret docker-registry r --docker-username=u --docker-password='p&w<' --dry-run=client -o json`).stdout);
    expect(atob(out.data['.dockerconfigjson'])).toBe(
      '{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p\\u0026w\\u003c","auth":"dTpwJnc8"}}}',
    );
  });

  it('--append-hash gives the same name suffix as the real kubectl', () => {
    const c = createCluster({ fs });
    const name = (args: string) => c.kubectl(`kubectl create ${args} --append-hash --dry-run=client -o name`).stdout;
    expect(name('secret generic s --from-literal=a=b')).toBe('secret/s-7fd2tm89d8\n');
    expect(name('secret generic s --from-literal=a=b --type=foo')).toBe('secret/s-76gkfd766k\n');
    expect(name('secret generic s')).toBe('secret/s-6cmg28h685\n');
    expect(name('configmap c --from-literal=a=b')).toBe('configmap/c-m4h6ctkgb2\n');
    expect(name('configmap c')).toBe('configmap/c-94b26g54cg\n');
    expect(name(`configmap c --from-literal='x=<&>'`)).toBe('configmap/c-6d8mfc4t67\n');
  });

  it('refuses what the real kubectl refuses', () => {
    const c = createCluster({ fs });
    const err = (cmd: string) => c.kubectl(cmd).stderr;
    expect(err('kubectl create secret tls x')).toBe('error: key and cert must be specified\n');
    expect(err('kubectl create secret tls x --cert=/w/tls.crt --key=/w/tls.crt')).toBe(
      'error: tls: found a certificate rather than a key in the PEM for the private key\n',
    );
    expect(err('kubectl create secret tls x --cert=/w/tls.key --key=/w/tls.key')).toBe(
      'error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n',
    );
    expect(err('kubectl create secret docker-registry reg')).toBe(
      'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n',
    );
  });

  it('a created tls Secret can be used and described', () => {
    const c = createCluster({ fs });
    expect(c.kubectl('kubectl create secret tls shop-tls --cert=/w/tls.crt --key=/w/tls.key').stdout).toBe('secret/shop-tls created\n');
    expect(c.kubectl('kubectl describe secret shop-tls').stdout).toBe(
      `Name:         shop-tls\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  kubernetes.io/tls\n\nData\n====\ntls.crt:  ${fixture('tls.crt').length} bytes\ntls.key:  ${fixture('tls.key').length} bytes\n`,
    );
  });
});

describe('kubectl describe', () => {
  it('a Secret shows byte counts, never values; a ConfigMap shows its values', () => {
    const c = createCluster();
    c.kubectl('kubectl apply -f -', secret('stringData:\n  password: s3cr3t!!\n  username: admin\n'));
    const out = c.kubectl('kubectl describe secret s').stdout;
    expect(out).toBe(
      'Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  8 bytes\nusername:  5 bytes\n',
    );
    expect(out).not.toContain('s3cr3t');
    c.kubectl('kubectl create configmap app --from-literal=mode=prod');
    expect(c.kubectl('kubectl describe configmap app').stdout).toBe(
      'Name:         app\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nmode:\n----\nprod\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
  });
});
