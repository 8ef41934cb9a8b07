import http from 'node:http';
import { createCluster } from '../src/engine';
const c = createCluster();
const cm = (name: string, labels?: Record<string, string>) => c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { a: '1' } } });
cm('web', { app: 'web', tier: 'front' }); c.advance(30000); cm('api', { app: 'api' }); c.advance(60000);
http.createServer((req, res) => {
  const url = req.url!;
  const r = c.request({ method: req.method as any, path: url, accept: req.headers.accept });
  res.writeHead(r.status, { 'Content-Type': 'application/json' });
  res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
}).listen(18080, () => console.log('up'));
