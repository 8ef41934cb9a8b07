/** Service addresses: ClusterIP and NodePort allocation, the cloud load balancer, and kube-proxy's iptables rules. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { apply, deployment, service, svc } from './network-helpers';

describe('Service addresses', () => {
  it('allocates cluster IPs from the upper band of 10.96.0.0/12 and refuses one that is taken', () => {
    const c = createCluster();
    for (const n of ['a', 'b', 'c']) expect(c.kubectl(`kubectl create service clusterip ${n} --tcp=80:80`).exitCode).toBe(0);
    for (const n of ['a', 'b', 'c']) {
      const ip = svc(c, n).spec.clusterIP.split('.').map(Number);
      expect(ip[0]).toBe(10);
      expect(ip[1]).toBeGreaterThanOrEqual(96);
      expect(ip[1]).toBeLessThanOrEqual(111);
      // The first 256 addresses (10.96.0.1-10.96.1.0) are left for addresses users choose.
      expect(ip[1] > 96 || ip[2] > 1 || (ip[2] === 1 && ip[3] > 0)).toBe(true);
    }
    const res = c.kubectl('kubectl apply -f -', service('dns2', '  clusterIP: 10.96.0.10\n'));
    expect(res.stderr).toBe(
      'The Service "dns2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated\n',
    );
  });

  it('allocates node ports in 30000-32767 and refuses a port that is taken', () => {
    const c = createCluster();
    apply(c, service('one', '  type: NodePort\n'));
    const port = svc(c, 'one').spec.ports[0].nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(port).toBeLessThanOrEqual(32767);
    expect(c.kubectl('kubectl get svc one').stdout).toContain(`80:${port}/TCP`);
    const res = c.kubectl('kubectl apply -f -', service('two', `  type: NodePort\n`).replace('targetPort: 80', `targetPort: 80\n    nodePort: ${port}`));
    expect(res.stderr).toBe(`The Service "two" is invalid: spec.ports[0].nodePort: Invalid value: ${port}: provided port is already allocated\n`);
  });

  it('gets an EXTERNAL-IP from the cloud load balancer a few seconds after creation, with its events', () => {
    const c = createCluster();
    apply(c, service('web', '  type: LoadBalancer\n'));
    c.advance(1000);
    expect(c.kubectl('kubectl get svc web').stdout).toMatch(/^web\s+LoadBalancer\s+10\.\S+\s+<pending>\s+80:3\d{4}\/TCP\s+1s\n$/m);
    c.advance(5000);
    expect(c.kubectl('kubectl get svc web').stdout).toMatch(/^web\s+LoadBalancer\s+10\.\S+\s+203\.0\.113\.1\s+80:3\d{4}\/TCP\s+6s\n$/m);
    const s = svc(c, 'web');
    expect(s.status.loadBalancer.ingress).toEqual([{ ip: '203.0.113.1', ipMode: 'VIP' }]);
    expect(s.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    const events = c.kubectl('kubectl get events').stdout;
    expect(events).toMatch(/Normal\s+EnsuringLoadBalancer\s+service\/web\s+Ensuring load balancer/);
    expect(events).toMatch(/Normal\s+EnsuredLoadBalancer\s+service\/web\s+Ensured load balancer/);
    // A second load balancer gets the next address; deleting releases the finalizer and the Service goes.
    apply(c, service('api', '  type: LoadBalancer\n'));
    c.advance(6000);
    expect(svc(c, 'api').status.loadBalancer.ingress[0].ip).toBe('203.0.113.2');
    expect(c.kubectl('kubectl delete svc web').stdout).toBe('service "web" deleted\n');
    c.advance(100);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/services/web' }).status).toBe(404);
  });

  it('takes the load balancer down when the Service stops being a LoadBalancer', () => {
    const c = createCluster();
    apply(c, service('lb', '  type: LoadBalancer\n'));
    c.advance(10_000);
    expect(c.kubectl(`kubectl patch svc lb -p '{"spec":{"type":"ClusterIP"}}'`).stdout).toBe('service/lb patched\n');
    c.advance(1000);
    expect(c.kubectl('kubectl get svc lb').stdout).toMatch(/^lb\s+ClusterIP\s+10\.\S+\s+<none>\s+80\/TCP\s+11s\n$/m);
    expect(svc(c, 'lb').metadata.finalizers).toBeUndefined();
    const events = c.kubectl('kubectl get events').stdout;
    expect(events).toMatch(/Normal\s+DeletingLoadBalancer\s+service\/lb\s+Deleting load balancer/);
    expect(events).toMatch(/Normal\s+DeletedLoadBalancer\s+service\/lb\s+Deleted load balancer/);
  });

  it('stays <pending> forever on a cluster without the cloud load-balancer controller', () => {
    const c = createCluster({ cloudLoadBalancer: false });
    apply(c, service('web', '  type: LoadBalancer\n'));
    c.advance(600_000);
    expect(c.kubectl('kubectl get svc web').stdout).toMatch(/^web\s+LoadBalancer\s+10\.\S+\s+<pending>\s+80:3\d{4}\/TCP\s+10m\n$/m);
    expect(svc(c, 'web').status).toEqual({ loadBalancer: {} });
  });
});

describe('kube-proxy rules (kubeplay iptables)', () => {
  it('writes KUBE-SVC -> KUBE-SEP chains with probabilities 1/3, 1/2 and a last unconditional rule', () => {
    const c = createCluster();
    apply(c, deployment('web', 3));
    apply(c, service('web'));
    c.advance(30_000);
    const ip = svc(c, 'web').spec.clusterIP;
    const out = c.sim('kubeplay iptables worker-1 web');
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    const svcChain = /-j (KUBE-SVC-[A-Z2-7]{16})$/.exec(lines.find((l) => l.startsWith('-A KUBE-SERVICES'))!)![1];
    expect(lines).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${svcChain}`);
    const picks = lines.filter((l) => l.startsWith(`-A ${svcChain} -m comment`));
    expect(picks).toHaveLength(3);
    expect(picks[0]).toMatch(/--comment "default\/web -> 10\.244\.\d+\.\d+:80" -m statistic --mode random --probability 0\.33333333349 -j KUBE-SEP-/);
    expect(picks[1]).toMatch(/-m statistic --mode random --probability 0\.50000000000 -j KUBE-SEP-/);
    expect(picks[2]).not.toContain('statistic');
    const dnat = lines.filter((l) => l.includes('-j DNAT --to-destination'));
    expect(dnat).toHaveLength(3);
    expect(dnat[0]).toMatch(/^-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default\/web" -m tcp -j DNAT --to-destination 10\.244\.\d+\.\d+:80$/);
    // Every node computes the same chain names.
    expect(c.sim('kubeplay iptables worker-2 web').stdout.replace(/on .*\n/g, '')).toBe(out.stdout.replace(/on .*\n/g, ''));
  });

  it('names the chains of the built-in Services as every real cluster does', () => {
    const c = createCluster();
    c.advance(30_000);
    const out = c.sim('kubeplay iptables control-plane').stdout;
    expect(out).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(out).toContain('-m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(out).toContain('-j KUBE-SVC-ERIFXISQEP7F7OF4');
    expect(out).toContain('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
  });

  it('rejects traffic to a Service without endpoints, and drops external traffic where a Local policy has none', () => {
    const c = createCluster();
    apply(c, service('empty'));
    apply(c, deployment('web', 1, '', '      nodeSelector:\n        kubernetes.io/hostname: worker-2\n'));
    apply(c, service('web', '  type: NodePort\n  externalTrafficPolicy: Local\n'));
    c.advance(30_000);
    const ip = svc(c, 'empty').spec.clusterIP;
    expect(c.sim('kubeplay iptables worker-1 empty').stdout).toContain(
      `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`,
    );
    const port = svc(c, 'web').spec.ports[0].nodePort;
    const w1 = c.sim('kubeplay iptables worker-1 web').stdout;
    expect(w1).toContain(`-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport ${port} -j DROP`);
    expect(w1).not.toContain('KUBE-SVL-');
    const w2 = c.sim('kubeplay iptables worker-2 web').stdout;
    expect(w2).toMatch(/-A KUBE-EXT-\w+ -j KUBE-SVL-\w+/);
    expect(w2).toMatch(/-A KUBE-SVL-\w+ -m comment --comment "default\/web -> 10\.244\.2\.\d+:80" -j KUBE-SEP-/);
  });

  it('answers unknown nodes and Services as the API would', () => {
    const c = createCluster();
    expect(c.sim('kubeplay iptables worker-9').stderr).toBe('Error from server (NotFound): nodes "worker-9" not found\n');
    expect(c.sim('kubeplay iptables worker-1 nope').stderr).toBe('Error from server (NotFound): services "nope" not found\n');
  });
});
