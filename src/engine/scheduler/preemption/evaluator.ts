/**
 * DefaultPreemption, the scheduler's PostFilter (framework/preemption Evaluator.Preempt): when a pod fits nowhere,
 * find the nodes where removing lower-priority pods would make it fit, pick one, delete its victims gracefully
 * (DisruptionTarget condition, then DELETE, then a `Preempted` event), and nominate the node for the pod. The
 * returned message is what the FailedScheduling event appends after `preemption: `.
 */
import type { Clock } from '../../clock';
import type { Rng } from '../../rng';
import type { EventRecorder } from '../../runtime/events';
import { withTypeMeta } from '../../runtime/events';
import type { ApiRequest, ApiResponse, KObject } from '../../types';
import type { NodeInfo } from '../cache';
import type { Status } from '../framework';
import { fitErrorMessage, type Diagnosis } from '../fit-error';
import { SCHEDULER_NAME } from '../profile';
import { podPriority, type Nominator } from './nominator';
import { pickOneNodeForPreemption, selectVictimsOnNode, type Candidate, type NodeFilter } from './victims';

const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;
const NOT_HELPFUL: Status = { code: 'UnschedulableAndUnresolvable', reasons: ['Preemption is not helpful for scheduling'] };
const POD_DEF = { group: '', version: 'v1', kind: 'Pod' };

export interface PreemptionResult {
  /** The PostFilter message ('' when preemption succeeded). */
  message: string;
  /** A node to nominate, '' to clear the nomination, undefined to leave it as it is. */
  nominatedNodeName?: string;
  /** The chosen node and its victims, for the scheduling record. */
  preempted?: { node: string; victims: string[] };
}

export interface PreemptionDeps {
  clock: Clock;
  rng: Rng;
  request(req: ApiRequest): ApiResponse;
  recorder: EventRecorder;
  nominator: Nominator;
}

/** A terminating pod the scheduler itself preempted (podTerminatingByPreemption). */
function terminatingByPreemption(pod: KObject): boolean {
  if (!pod.metadata.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler');
}

/** PodEligibleToPreemptOthers: the reason the pod may not preempt, or undefined. */
function notEligible(pod: KObject, d: Diagnosis, node: (name: string) => NodeInfo | undefined): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated: string | undefined = pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  if (d.nodeStatuses.get(nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
  const info = node(nominated);
  if (!info) return undefined;
  const priority = podPriority(pod);
  for (const p of info.pods.values()) {
    if (podPriority(p.pod) < priority && terminatingByPreemption(p.pod)) return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

/** GetOffsetAndNumCandidates: a random start and at least 100 (or 10%) nodes to dry-run. */
function numCandidates(potential: number): number {
  const n = Math.max(Math.trunc((potential * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE);
  return Math.min(n, potential);
}

export function preempt(deps: PreemptionDeps, pod: KObject, d: Diagnosis, allNodes: NodeInfo[], filterNode: NodeFilter): PreemptionResult {
  const byName = (name: string) => allNodes.find((n) => n.name === name);
  const reason = notEligible(pod, d, byName);
  if (reason) return { message: `preemption: ${reason}` };

  const potential = allNodes.filter((n) => d.nodeStatuses.get(n.name)?.code === 'Unschedulable');
  const statuses = new Map<string, Status>();
  const candidates: Candidate[] = [];
  if (potential.length) {
    const offset = deps.rng.int(potential.length);
    const wanted = numCandidates(potential.length);
    const now = deps.clock.now();
    const parse = (ts: string) => deps.clock.parse(ts);
    for (let i = 0; i < potential.length && candidates.length < wanted; i++) {
      const node = potential[(offset + i) % potential.length];
      const r = selectVictimsOnNode(pod, node, filterNode, now, parse);
      if (r.victims?.length) candidates.push({ node: node.name, victims: r.victims });
      else statuses.set(node.name, r.status ?? { code: 'Unschedulable', reasons: [`expected at least one victim pod on node "${node.name}"`] });
    }
  }
  if (!candidates.length) {
    const diagnosis: Diagnosis = { numAllNodes: allNodes.length, nodeStatuses: statuses, absentStatus: NOT_HELPFUL };
    return { message: `preemption: ${fitErrorMessage(diagnosis, '')}`, nominatedNodeName: '' };
  }
  const best = pickOneNodeForPreemption(candidates, deps.clock.now(), (ts) => deps.clock.parse(ts), (n) => deps.rng.int(n));
  prepareCandidate(deps, pod, best);
  return { message: '', nominatedNodeName: best.node, preempted: { node: best.node, victims: best.victims.map((v) => v.metadata.name!) } };
}

/** prepareCandidate: mark and delete each victim, then clear lower-priority nominations on the node. */
function prepareCandidate(deps: PreemptionDeps, pod: KObject, c: Candidate): void {
  for (const victim of c.victims) {
    const path = `/api/v1/namespaces/${victim.metadata.namespace}/pods/${victim.metadata.name}`;
    deps.request({
      method: 'PATCH',
      path: `${path}/status`,
      contentType: 'application/strategic-merge-patch+json',
      body: {
        status: {
          conditions: [
            {
              type: 'DisruptionTarget',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: deps.clock.timestamp(),
              reason: 'PreemptionByScheduler',
              message: `${pod.spec?.schedulerName ?? SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
            },
          ],
        },
      },
    });
    const res = deps.request({ method: 'DELETE', path, body: { preconditions: { uid: victim.metadata.uid } } });
    if (res.status >= 300 && res.status !== 404) continue;
    deps.recorder.event(withTypeMeta(victim, POD_DEF), 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${c.node}`);
  }
  const priority = podPriority(pod);
  for (const p of deps.nominator.nominatedPods(c.node)) {
    if (podPriority(p.pod) >= priority) continue;
    deps.nominator.remove(p.key);
    deps.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${p.pod.metadata.namespace}/pods/${p.pod.metadata.name}/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { nominatedNodeName: null } },
    });
  }
}
