import { createCluster } from '../src/engine/cluster';
const c = createCluster({ seed: 1 });
c.advance(1000);
const dep = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: api
    spec:
      restartPolicy: Never
      containers:
      - image: nginx
        name: nginx
        resources:
          limits: {cpu: 500m}
          requests: {cpu: "1"}
`;
console.log(c.kubectl('apply -f -', dep));
console.log(c.kubectl('run p --image=nginx --serviceaccount=foo'));
console.log(c.kubectl('run p2 --image=nginx'));
console.log(c.kubectl('get pod p2 -o yaml'));
