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
    const log = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/p/log' });
    expect(log.status).toBe(400);
    expect(log.body.message).toBe('container "c" in pod "p" is waiting to start: ContainerCreating');
    const ev = c.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods/p/eviction',
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p', namespace: 'default' } },
    });
    expect(ev.status).toBe(201);
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
    const events = c.request({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body.items;
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
});
