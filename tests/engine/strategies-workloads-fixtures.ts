/** Manifests as real `kubectl ... --dry-run=client -o yaml` (v1.32) prints them, and helpers to send them. */
import { parse } from 'yaml';
import { createCluster } from '../../src/engine';

// kubectl create deployment web --image=nginx --dry-run=client -o yaml
export const deploymentWeb = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`;

// kubectl run p --image=nginx --dry-run=client -o yaml
export const podP = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: p
  name: p
spec:
  containers:
  - image: nginx
    name: p
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;

// kubectl create job pi --image=perl:5.34 --dry-run=client -o yaml -- perl -e 'print 1'
export const jobPi = `apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: pi
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - perl
        - -e
        - print 1
        image: perl:5.34
        name: pi
        resources: {}
      restartPolicy: Never
status: {}
`;

// kubectl create cronjob hello --image=busybox --schedule='*/1 * * * *' --dry-run=client -o yaml -- echo hi
export const cronJobHello = `apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: hello
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: hello
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - command:
            - echo
            - hi
            image: busybox
            name: hello
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
`;

export type Cluster = ReturnType<typeof createCluster>;

const PATHS: Record<string, string> = {
  Pod: '/api/v1/namespaces/default/pods',
  Deployment: '/apis/apps/v1/namespaces/default/deployments',
  ReplicaSet: '/apis/apps/v1/namespaces/default/replicasets',
  StatefulSet: '/apis/apps/v1/namespaces/default/statefulsets',
  DaemonSet: '/apis/apps/v1/namespaces/default/daemonsets',
  Job: '/apis/batch/v1/namespaces/default/jobs',
  CronJob: '/apis/batch/v1/namespaces/default/cronjobs',
};

export function pathOf(kind: string, name?: string): string {
  return name ? `${PATHS[kind]}/${name}` : PATHS[kind];
}

/** A manifest (YAML text or object), optionally changed by `edit`, POSTed to its collection. */
export function create(c: Cluster, manifest: string | any, edit?: (o: any) => void) {
  const obj = typeof manifest === 'string' ? parse(manifest) : manifest;
  edit?.(obj);
  return c.request({ method: 'POST', path: pathOf(obj.kind), body: obj });
}

/** GET, change, PUT back. */
export function update(c: Cluster, kind: string, name: string, edit: (o: any) => void) {
  const obj = c.request({ method: 'GET', path: pathOf(kind, name) }).body;
  edit(obj);
  return c.request({ method: 'PUT', path: pathOf(kind, name), body: obj });
}

export function parseYaml(text: string): any {
  return parse(text);
}
