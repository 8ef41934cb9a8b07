/** The built-in ingress-nginx: default IngressClass, Ingress ADDRESS, host and path routing, 404 and 503 pages. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { Shell } from '../../src/engine/shell';
import { apply, deployment, nodeIPOf, service } from './network-helpers';

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: front
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
      - path: /api/v1/status
        pathType: Exact
        backend:
          service:
            name: status
            port:
              number: 80
  - host: "*.example"
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 80
`;

const page = (status: string) => `<html>\n<head><title>${status}</title></head>\n<body>\n<center><h1>${status}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;

/** hello-app answers every path with its pod name (as in the Kubernetes ingress tutorial). */
const HELLO = 'gcr.io/google-samples/hello-app:1.0';
const app = (name: string, replicas: number) => deployment(name, replicas, '', '', HELLO).replace('containerPort: 80', 'containerPort: 8080');
const appService = (name: string) => service(name).replace('targetPort: 80', 'targetPort: 8080');

function shop() {
  const c = createCluster();
  apply(c, app('front', 1));
  apply(c, appService('front'));
  apply(c, app('api', 2));
  apply(c, appService('api'));
  apply(c, appService('status'));
  apply(c, ingress);
  c.advance(30_000);
  return c;
}

const who = (c: ReturnType<typeof createCluster>, args: string) => {
  const res = c.sim(`kubeplay curl ${args}`);
  return /^Hostname: (\w+)-/m.exec(res.stdout)?.[1] ?? res.stdout + res.stderr;
};

describe('the built-in ingress controller', () => {
  it('installs nginx as the default IngressClass and publishes the ingress node as the ADDRESS', () => {
    const c = createCluster();
    const cls = c.request({ method: 'GET', path: '/apis/networking.k8s.io/v1/ingressclasses/nginx' }).body;
    expect(cls.spec).toEqual({ controller: 'k8s.io/ingress-nginx' });
    expect(cls.metadata.annotations['ingressclass.kubernetes.io/is-default-class']).toBe('true');
    apply(c, ingress);
    expect(c.kubectl('kubectl get ingress shop').stdout).toMatch(/^shop\s+nginx\s+shop\.example,\*\.example\s+80\s+0s\n$/m);
    c.advance(5000);
    const address = nodeIPOf(c, 'worker-1');
    expect(c.kubectl('kubectl get ingress shop').stdout).toMatch(new RegExp(`^shop\\s+nginx\\s+shop\\.example,\\*\\.example\\s+${address.replace(/\./g, '\\.')}\\s+80\\s+5s\\n$`, 'm'));
    expect(c.kubectl('kubectl get events').stdout).toMatch(/Normal\s+Sync\s+ingress\/shop\s+Scheduled for sync/);
    // `minikube ip` names the same node, so the minikube tutorial's curl works as written (no backend pods yet).
    expect(c.sim(`kubeplay curl --resolve "shop.example:80:${address}" -i http://shop.example`).stdout).toMatch(
      /^HTTP\/1\.1 503 Service Temporarily Unavailable\nServer: nginx\n/,
    );
  });

  it('routes by host and longest path: element-wise Prefix, Exact, wildcard hosts, 404 from the default server', () => {
    const c = shop();
    const ip = nodeIPOf(c, 'worker-1');
    expect(who(c, `-H 'Host: shop.example' http://${ip}/`)).toBe('front');
    expect(who(c, `-H 'Host: shop.example' http://${ip}/api`)).toBe('api');
    expect(who(c, `-H 'Host: shop.example' http://${ip}/api/orders?id=3`)).toBe('api');
    // /apis is not under the path element /api.
    expect(who(c, `-H 'Host: shop.example' http://${ip}/apis`)).toBe('front');
    expect(who(c, `-H 'Host: shop.example' http://${ip}/api/`)).toBe('api');
    // A host name of an Ingress resolves from outside (the /etc/hosts line the tutorials add).
    expect(who(c, 'http://shop.example/')).toBe('front');
    expect(who(c, 'http://admin.example/anything')).toBe('api');
    expect(c.sim('kubeplay curl http://deep.admin.example/').stderr).toBe('curl: (6) Could not resolve host: deep.admin.example\n');
    expect(c.sim(`kubeplay curl -H 'Host: deep.admin.example' http://${ip}/`)).toEqual({ stdout: page('404 Not Found'), stderr: '', exitCode: 0 });
    expect(c.sim(`kubeplay curl http://${ip}/`).stdout).toBe(page('404 Not Found'));
  });

  it('prefers Exact at equal length, and treats ImplementationSpecific as nginx does (a plain string prefix)', () => {
    const c = shop();
    const rule = (host: string, paths: [string, string, string][]) =>
      `  - host: ${host}\n    http:\n      paths:\n${paths
        .map(([path, type, svc]) => `      - path: ${path}\n        pathType: ${type}\n        backend:\n          service:\n            name: ${svc}\n            port:\n              number: 80\n`)
        .join('')}`;
    apply(
      c,
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: more\nspec:\n  rules:\n${rule('tie.example', [
        ['/app', 'Prefix', 'front'],
        ['/app', 'Exact', 'api'],
      ])}${rule('impl.example', [['/shop', 'ImplementationSpecific', 'api']])}`,
    );
    c.advance(5000);
    expect(who(c, 'http://tie.example/app')).toBe('api');
    expect(who(c, 'http://tie.example/app/cart')).toBe('front');
    expect(who(c, 'http://impl.example/shopping')).toBe('api');
    expect(c.sim('kubeplay curl http://impl.example/').stdout).toBe(page('404 Not Found'));
  });

  it('answers 503 when the backend Service has no ready endpoints, and recovers when it gets some', () => {
    const c = shop();
    expect(c.sim('kubeplay curl http://shop.example/api/v1/status')).toEqual({ stdout: page('503 Service Temporarily Unavailable'), stderr: '', exitCode: 0 });
    expect(c.sim('kubeplay curl -f http://shop.example/api/v1/status').stderr).toBe('curl: (22) The requested URL returned error: 503\n');
    // Exact only matches the exact path.
    expect(who(c, 'http://shop.example/api/v1/status/')).toBe('api');
    apply(c, app('status', 1));
    c.advance(30_000);
    expect(who(c, 'http://shop.example/api/v1/status')).toBe('status');
  });

  it('balances round robin over the backend pods and sends unmatched requests to the defaultBackend', () => {
    const c = shop();
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(c.sim('kubeplay curl http://shop.example/api').stdout);
    expect(seen.size).toBe(2);
    apply(
      c,
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fallback
spec:
  defaultBackend:
    service:
      name: front
      port:
        number: 80
`,
    );
    c.advance(5000);
    // No class given: the DefaultIngressClass admission sets the default one.
    expect(c.kubectl('kubectl get ingress fallback').stdout).toMatch(/^fallback\s+nginx\s+\*\s+172\.18\.0\.3\s+80\s+5s\n$/m);
    expect(who(c, `-H 'Host: other.test' http://${nodeIPOf(c, 'worker-1')}/x`)).toBe('front');
  });
});

describe('the minikube ingress tutorial, typed into the shell', () => {
  it('answers curl --resolve "hello-world.example:80:$( minikube ip )" with hello-app', () => {
    const c = createCluster();
    const sh = new Shell(c);
    expect(sh.run('kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0').exitCode).toBe(0);
    expect(sh.run('kubectl expose deployment web --type=NodePort --port=8080').stdout).toBe('service/web exposed\n');
    apply(
      c,
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: example-ingress
spec:
  ingressClassName: nginx
  rules:
    - host: hello-world.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8080
`,
    );
    c.advance(60_000);
    const res = sh.run('curl --resolve "hello-world.example:80:$( minikube ip )" -i http://hello-world.example');
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^HTTP\/1\.1 200 OK\n[\s\S]*\n\nHello, world!\nVersion: 1\.0\.0\nHostname: web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    const port = c.request({ method: 'GET', path: '/api/v1/namespaces/default/services/web' }).body.spec.ports[0].nodePort;
    expect(sh.run(`curl http://$(minikube ip):${port}`).stdout).toMatch(/^Hello, world!\n/);
  });
});
