import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { EventRecorder } from '../../src/engine/runtime/events';
import { Clock } from '../../src/engine/clock';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
const BINDING = '/api/v1/namespaces/default/pods/p/binding';

describe('pods/binding', () => {
  it('assigns a pod to a node once, and marks it scheduled', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod });
    const bind = (node: string) =>
      c.request({ method: 'POST', path: BINDING, body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { apiVersion: 'v1', kind: 'Node', name: node } } });
    expect(bind('worker-2').status).toBe(201);
    const got = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p' }).body;
    expect(got.spec.nodeName).toBe('worker-2');
    expect(got.status.conditions.find((x: any) => x.type === 'PodScheduled').status).toBe('True');
    const again = bind('worker-1');
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "worker-2"');
  });
});

describe('pods/eviction and pods/log', () => {
  it('evicts (deletes) a pod, and answers logs of a pod that never started', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod });
    c.advance(0);
    const log = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p/log' });
    expect(log.status).toBe(400);
    expect(log.body.message).toBe('container "c" in pod "p" is waiting to start: ContainerCreating');
    const ev = c.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods/p/eviction',
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p', namespace: 'default' } },
    });
    expect(ev.status).toBe(201);
    // The eviction is a graceful delete: the kubelet stops nginx, then removes the pod.
    c.advance(1000);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p' }).status).toBe(404);
  });
});

describe('event recording', () => {
  it('creates an Event and folds repeats into its count', () => {
    const c = createCluster();
    const clock = new Clock();
    const target = c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod }).body;
    const recorder = new EventRecorder((req) => c.request(req), clock, { component: 'default-scheduler' });
    recorder.event(target, 'Warning', 'FailedScheduling', '0/4 nodes are available.');
    clock.advance(5000);
    recorder.event(target, 'Warning', 'FailedScheduling', '0/4 nodes are available.');
    // Other events in default (the node controller's RegisteredNode) are not about this pod.
    const events = c.request({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body.items.filter((e: any) => e.involvedObject.name === 'p');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      reason: 'FailedScheduling',
      type: 'Warning',
      count: 2,
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: target.metadata.uid },
      source: { component: 'default-scheduler' },
    });
    expect(events[0].metadata.name).toMatch(/^p\.[0-9a-f]+$/);
    expect(Date.parse(events[0].lastTimestamp) - Date.parse(events[0].firstTimestamp)).toBe(5000);
  });

  it('folds the 10th distinct message about an object into a combined event, and drops past a burst of 25', () => {
    const c = createCluster();
    const clock = new Clock();
    const rs = c.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } },
    }).body;
    const recorder = new EventRecorder((req) => c.request(req), clock, { component: 'replicaset-controller' });
    for (let i = 0; i < 40; i++) recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    const events = c
      .request({ method: 'GET', path: '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Downer' })
      .body.items;
    const messages = events.map((e: any) => e.message);
    expect(messages.filter((m: string) => !m.startsWith('(combined'))).toHaveLength(9);
    const combined = events.find((e: any) => e.message.startsWith('(combined from similar events): Created pod: web-'));
    // 25 tokens: 9 plain events, then the combined one created once and counted 16 times in all.
    expect(combined.count).toBe(16);
    clock.advance(300_000);
    recorder.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-late');
    const after = c.request({ method: 'GET', path: `/api/v1/namespaces/default/events/${combined.metadata.name}` }).body;
    expect(after.count).toBe(17);
    expect(after.message).toBe('(combined from similar events): Created pod: web-late');
  });
});
