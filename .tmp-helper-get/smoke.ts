import { createCluster } from '../src/engine';
const c = createCluster();
const run = (l: string, stdin?: string) => { const r = c.kubectl(l, stdin); console.log(`$ ${l}\n${r.stdout}${r.stderr ? '[stderr]\n' + r.stderr : ''}[exit ${r.exitCode}]`); };
c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', labels: { app: 'web', tier: 'x' } }, data: { a: '1' } } });
c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, data: { z: 'q' } } });
c.advance(90_000);
for (const l of process.argv.slice(2)) run(l);
