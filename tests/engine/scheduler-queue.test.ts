import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { addNode, createPod, getPod, nodeOf, podBody, schedulingEvents, schedulingRecord } from './scheduler-helpers';

describe('scheduler: the queue retries Pending pods when the cluster changes', () => {
  it('schedules a Pending pod onto a Node added through the API, after its 1s back-off', () => {
    const c = createCluster();
    createPod(c, podBody('big', { requests: { cpu: '6' } }));
    c.advance(0);
    expect(nodeOf(c, 'big')).toBeUndefined();
    addNode(c, 'worker-big', { cpu: '8', memory: '16Gi' });
    c.advance(999);
    expect(nodeOf(c, 'big')).toBeUndefined();
    c.advance(1);
    expect(nodeOf(c, 'big')).toBe('worker-big');
    expect(schedulingEvents(c, 'big', 'Scheduled')[0].message).toBe('Successfully assigned default/big to worker-big');
    expect(getPod(c, 'big').status.conditions.find((x: any) => x.type === 'PodScheduled').status).toBe('True');
  });

  it('asks the rejecting plugins whether an event can help (queueing hints)', () => {
    const c = createCluster();
    // Tolerates every taint, so only NodeResourcesFit rejects it: a node too small to hold it is no reason to retry.
    createPod(c, podBody('big', { requests: { cpu: '6' }, tolerations: [{ operator: 'Exists' }] }));
    c.advance(0);
    addNode(c, 'worker-small', { cpu: '2' });
    c.advance(60_000);
    expect(schedulingRecord(c, 'big').body.attempts).toBe(1);
    expect(schedulingEvents(c, 'big', 'FailedScheduling')[0].count).toBe(1);
    // The control plane's taint also rejected this one: TaintToleration says any untainted new node may help.
    createPod(c, podBody('tainted', { requests: { cpu: '6' } }));
    c.advance(0);
    addNode(c, 'worker-small-2', { cpu: '2' });
    c.advance(60_000);
    expect(schedulingRecord(c, 'tainted').body.attempts).toBe(2);
    expect(schedulingRecord(c, 'tainted').body.history[1].message).toMatch(/^0\/6 nodes are available: 1 node\(s\) had untolerated taint/);
  });

  it('schedules a Pending pod once a pod holding the room is deleted', () => {
    const c = createCluster({ workers: 1 });
    createPod(c, podBody('first', { requests: { cpu: '3' } }));
    c.advance(0);
    expect(nodeOf(c, 'first')).toBe('worker-1');
    createPod(c, podBody('second', { requests: { cpu: '3' } }));
    c.advance(10_000);
    expect(nodeOf(c, 'second')).toBeUndefined();
    expect(schedulingRecord(c, 'second').body.attempts).toBe(1);
    expect(c.kubectl('delete pod first').exitCode).toBe(0);
    c.advance(60_000);
    expect(nodeOf(c, 'second')).toBe('worker-1');
    expect(schedulingRecord(c, 'second').body.attempts).toBe(2);
  });

  it('retries every unschedulable pod after 5 minutes without events (the leftover flush)', () => {
    const c = createCluster();
    createPod(c, podBody('big', { requests: { cpu: '6' } }));
    c.advance(0);
    c.advance(329_000);
    expect(schedulingRecord(c, 'big').body.attempts).toBe(1);
    c.advance(1_000);
    expect(schedulingRecord(c, 'big').body.attempts).toBe(2);
    // The same message again: the event is aggregated (count 2), as kubectl describe shows "x2".
    const ev = schedulingEvents(c, 'big', 'FailedScheduling');
    expect(ev).toHaveLength(1);
    expect(ev[0].count).toBe(2);
  });

  it('retries a Pending pod whose tolerations are edited', () => {
    const c = createCluster();
    createPod(c, podBody('cp', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }));
    c.advance(0);
    expect(nodeOf(c, 'cp')).toBeUndefined();
    const res = c.request({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/pods/cp',
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] } },
    });
    expect(res.status).toBe(200);
    c.advance(1000);
    expect(nodeOf(c, 'cp')).toBe('control-plane');
  });

  it('frees the requests of a pod that completed', () => {
    const c = createCluster({ workers: 1 });
    const job = podBody('job', { requests: { cpu: '3' }, restartPolicy: 'Never', image: 'busybox:1.36' });
    job.spec.containers[0].command = ['sh', '-c', 'sleep 5'];
    createPod(c, job);
    createPod(c, podBody('next', { requests: { cpu: '3' } }));
    c.advance(0);
    expect(nodeOf(c, 'next')).toBeUndefined();
    c.advance(60_000);
    expect(getPod(c, 'job').status.phase).toBe('Succeeded');
    expect(nodeOf(c, 'next')).toBe('worker-1');
  });
});
