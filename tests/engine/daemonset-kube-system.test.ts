import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

describe('default cluster kube-system add-ons', () => {
  it('runs kube-proxy on every node and CoreDNS behind kube-dns, as kubeadm installs them', () => {
    const c = createCluster();
    c.advance(60_000);
    const pods = c.kubectl('get pods -n kube-system -o wide').stdout.split('\n').slice(1).filter(Boolean);
    const proxies = pods.filter((l) => l.startsWith('kube-proxy-'));
    expect(proxies).toHaveLength(4);
    for (const line of proxies) expect(line).toMatch(/^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+60s\s+172\.18\.0\.\d\s+(control-plane|worker-\d)\s/);
    expect(pods.filter((l) => /^coredns-[456789bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5}\s/.test(l))).toHaveLength(2);
    expect(c.kubectl('get ds -n kube-system').stdout).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nkube-proxy\s+4\s+4\s+4\s+4\s+4\s+kubernetes.io\/os=linux\s+60s\n$/,
    );
    const svc = c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/services/kube-dns' }).body;
    expect(svc.spec.clusterIP).toBe('10.96.0.10');
    expect(svc.spec.ports.map((p: any) => `${p.name}:${p.port}/${p.protocol}`)).toEqual(['dns:53/UDP', 'dns-tcp:53/TCP', 'metrics:9153/TCP']);
    expect(svc.metadata.labels['kubernetes.io/cluster-service']).toBe('true');
    const proxy = c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-proxy' }).body.items[0];
    expect(proxy.spec.priority).toBe(2000001000);
    expect(proxy.spec.tolerations[0]).toEqual({ operator: 'Exists' });
    expect(proxy.spec.serviceAccountName).toBe('kube-proxy');
    const dns = c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns' }).body.items[0];
    expect(dns.spec.priorityClassName).toBe('system-cluster-critical');
    expect(dns.spec.priority).toBe(2000000000);
    const cm = c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/configmaps/coredns' }).body;
    expect(cm.data.Corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {');
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/configmaps/kube-proxy' }).body.data['config.conf']).toContain('kind: KubeProxyConfiguration');
  });

  it('lists CoreDNS in kubectl cluster-info', () => {
    const c = createCluster();
    const out = c.kubectl('cluster-info').stdout;
    expect(out).toContain('CoreDNS');
    expect(out).toContain('/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy');
  });
});
