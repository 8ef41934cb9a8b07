/**
 * One pod on one node, as the kubelet's pod worker runs it: sandbox, init containers in order, app containers
 * (pull, create, start), restarts per restartPolicy with the crash back-off, probes, graceful termination, and
 * status written through pods/{name}/status (changes at one instant are written once).
 */
import type { KObject } from '../types';
import { goDuration } from '../go-duration';
import { intern } from '../util';
import { containerStatusJSON, isRunning, newContainerState, terminatedOf, type ContainerState } from './container-state';
import { ensureImage } from './image-pull';
import { hex64 } from './images/reference';
import type { CatalogImage } from './images/catalog';
import type { NodeRuntime } from './node-runtime';
import { podConditions, podPhase, initDone } from './pod-status';
import { ProbeRunner } from './probe-runner';
import { ContainerProcess, startError } from './process';
import { containerEnv, expandRefs } from './env';
import { parseQuantity } from '../api/quantity';
import { runPostStart, stopContainer } from './lifecycle-hooks';
import { mountClaimsThenVolumes } from './claim-mounts';
import { writeContainerVolumes } from './volume-files';

/** PLEG relist: how soon the kubelet notices that a container exited. */
const PLEG_MS = 1000;
/** The pod worker's retry after a sync error (CreateContainerConfigError ...). */
const RETRY_MS = 10_000;
/** Sandbox (pause container + network) set-up time. */
const SANDBOX_MS = 500;

export class PodWorker {
  readonly inits: ContainerState[];
  readonly apps: ContainerState[];
  readonly startedAt: number;
  podIP = '';
  sandboxReady = false;
  stopping = false;
  gone = false;
  private dirty = false;
  private syncQueued = false;
  private readonly transitions = new Map<string, { status: string; at: number }>();
  readonly probes: ProbeRunner;

  constructor(
    readonly rt: NodeRuntime,
    public pod: KObject,
  ) {
    const spec = pod.spec ?? {};
    this.inits = (spec.initContainers ?? []).map((c: any) => newContainerState(c, true));
    this.apps = (spec.containers ?? []).map((c: any) => newContainerState(c, false));
    for (const c of this.apps) if (this.inits.length) c.waiting = { reason: 'PodInitializing' };
    for (const c of this.inits) c.waiting = { reason: 'PodInitializing' };
    this.startedAt = rt.clock.now();
    this.probes = new ProbeRunner(this);
  }

  get uid(): string {
    return this.pod.metadata.uid!;
  }

  get podRef(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
  }

  get restartPolicy(): string {
    return this.pod.spec?.restartPolicy ?? 'Always';
  }

  containers(): ContainerState[] {
    return [...this.inits, ...this.apps];
  }

  /** After the node rebooted: the old containers are gone; their instances count as restarts. */
  adoptAfterReboot(pod: KObject, diedAt: number): void {
    const old = new Map<string, any>(
      [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((s: any) => [s.name, s]),
    );
    for (const c of this.containers()) {
      const s = old.get(c.name);
      if (!s?.state?.running && !s?.lastState?.terminated && !s?.state?.terminated) continue;
      c.restartCount = (s.restartCount ?? 0) + (s.state?.running ? 1 : 0);
      const startedAt = s.state?.running?.startedAt ?? s.state?.terminated?.startedAt;
      if (s.state?.terminated && c.init && !c.sidecar && s.state.terminated.exitCode === 0) {
        const t = s.state.terminated;
        c.terminated = { exitCode: 0, reason: t.reason, startedAt: this.rt.clock.parse(t.startedAt), finishedAt: this.rt.clock.parse(t.finishedAt), containerID: t.containerID };
        c.containerID = t.containerID;
        c.waiting = undefined;
        continue;
      }
      c.lastTerminated = {
        exitCode: 255,
        reason: 'Unknown',
        startedAt: startedAt ? this.rt.clock.parse(startedAt) : diedAt,
        finishedAt: diedAt,
        containerID: s.containerID ?? '',
      };
    }
  }

  start(): void {
    this.markDirty();
    // WaitForAttachAndMount comes before the sandbox: a volume that cannot mount keeps the pod ContainerCreating.
    mountClaimsThenVolumes(this, () => {
      this.podIP = this.pod.spec?.hostNetwork ? this.rt.hostIP() : this.rt.allocateIP();
      this.markDirty();
      this.rt.schedule(SANDBOX_MS, () => {
        if (this.gone) return;
        this.sandboxReady = true;
        this.probes.start();
        this.sync();
      });
    });
  }

  update(pod: KObject): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp && !this.stopping) return this.terminate();
    // A new image (the one mutable container field) restarts that container with it.
    const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    for (const c of this.containers()) {
      const spec = specs.find((s: any) => s.name === c.name);
      if (!spec || spec.image === c.spec.image) continue;
      c.spec = spec;
      c.ref = undefined;
      c.invalidImage = undefined;
      if (isRunning(c)) {
        this.event('Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, c);
        stopContainer(this, c, (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
      } else this.queueSync();
    }
  }

  queueSync(delay = 0): void {
    if (delay > 0) return this.rt.schedule(delay, () => this.sync());
    if (this.syncQueued) return;
    this.syncQueued = true;
    this.rt.schedule(0, () => {
      this.syncQueued = false;
      this.sync();
    });
  }

  markDirty(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.rt.schedule(0, () => this.flush());
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerState): void {
    const field = c ? intern(`spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`) : undefined;
    this.rt.recorder.event(this.pod, type, reason, message, field);
  }

  /** Decide what each container needs now (computePodActions + SyncPod). */
  sync(): void {
    if (this.gone || this.stopping || !this.sandboxReady || this.terminal()) return;
    for (const c of this.inits) {
      if (c.sidecar) {
        if (isRunning(c) && c.started) continue;
        if (!c.busy && !isRunning(c)) this.startOrBackOff(c);
        return this.markDirty();
      }
      if (terminatedOf(c)?.exitCode === 0 && !c.waiting && !c.busy) continue;
      if (!c.busy && !isRunning(c)) this.startOrBackOff(c);
      return this.markDirty();
    }
    for (const c of this.apps) {
      if (c.busy || isRunning(c)) continue;
      this.startOrBackOff(c);
    }
    this.markDirty();
  }

  private mayRestart(c: ContainerState, exitCode: number): boolean {
    if (c.sidecar) return true;
    const policy = this.restartPolicy;
    return policy === 'Always' ? !c.init || exitCode !== 0 : policy === 'OnFailure' ? exitCode !== 0 : false;
  }

  private startOrBackOff(c: ContainerState): void {
    const term = terminatedOf(c);
    if (term) {
      if (!this.mayRestart(c, term.exitCode)) return;
      const key = `${this.uid}/${c.name}`;
      if (this.rt.backoff.inBackOffSince(key, term.finishedAt)) {
        const delay = this.rt.backoff.entry(key)!.backoff;
        c.waiting = {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${this.podRef}`,
        };
        if (c.backoffNoticed !== term.finishedAt) {
          c.backoffNoticed = term.finishedAt;
          this.event('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${this.podRef}`, c);
        }
        this.queueSync(term.finishedAt + delay - this.rt.clock.now());
        this.markDirty();
        return;
      }
      this.rt.backoff.next(key, term.finishedAt);
    }
    this.startContainer(c);
  }

  private startContainer(c: ContainerState): void {
    c.busy = true;
    ensureImage(this, c, (ok) => {
      c.busy = false;
      if (this.gone || this.stopping) return;
      if (ok) this.createAndStart(c);
      this.markDirty();
    });
  }

  private createAndStart(c: ContainerState): void {
    const env = containerEnv(this.pod, c.spec, this.rt.config, { hostIP: this.rt.hostIP(), podIP: this.podIP });
    if ('error' in env) {
      c.waiting = { reason: 'CreateContainerConfigError', message: env.error };
      this.event('Warning', 'Failed', `Error: ${env.error}`, c);
      this.queueSync(RETRY_MS);
      return;
    }
    const image = c.ref ? this.rt.images.has(c.ref)?.image : undefined;
    const overridden = !!(c.spec.command?.length || c.spec.args?.length);
    // A shell image's default is its CMD (sh), which the pod's args replace: `kubectl run x --image=busybox -- sleep 9`.
    const entry = c.spec.command?.length ? c.spec.command : c.spec.args?.length ? [] : defaultEntrypoint(image?.behaviour, c.ref?.repo);
    const argv = [...(entry ?? []), ...(c.spec.args ?? (c.spec.command?.length ? [] : defaultArgs(c.ref?.repo)))].map((a: string) =>
      expandRefs(String(a), env.vars),
    );
    const limit = parseQuantity(c.spec.resources?.limits?.memory);
    const spec = {
      argv,
      overridden,
      commandGiven: !!c.spec.command?.length,
      vars: env.vars,
      image,
      repo: c.ref?.repo ?? c.spec.image,
      version: versionOf(c.ref?.tag, image),
      hostname: this.pod.spec?.hostname ?? this.pod.metadata.name!,
      podIP: this.podIP,
      memoryLimitBytes: limit,
      declaredPorts: (c.spec.ports ?? []).map((p: any) => p.containerPort),
    };
    const restarted = !!(c.proc || c.terminated);
    if (restarted) {
      c.lastTerminated = terminatedOf(c);
      c.prev = c.proc ?? c.prev;
      c.restartCount++;
    }
    c.terminated = undefined;
    c.waiting = undefined;
    c.containerID = `containerd://${hex64(`${this.uid}/${c.name}/${c.restartCount}/${this.rt.clock.now()}`)}`;
    this.event('Normal', 'Created', intern(`Created container: ${c.name}`), c);
    const failure = startError(spec);
    if (failure) {
      c.proc = undefined;
      const now = this.rt.clock.now();
      c.terminated = { exitCode: 128, reason: 'StartError', message: failure, startedAt: now, finishedAt: now, containerID: c.containerID };
      this.event('Warning', 'Failed', `Error: ${failure}`, c);
      this.queueSync(PLEG_MS);
      return;
    }
    const proc = new ContainerProcess(this.rt.processHost, spec, (p) => this.exited(c, p));
    writeContainerVolumes(this, c.spec, proc);
    c.proc = proc;
    c.probes = {};
    c.started = !c.spec.startupProbe;
    c.ready = c.started && !c.spec.readinessProbe && !c.init;
    if (c.sidecar) c.ready = c.started && !c.spec.readinessProbe;
    this.event('Normal', 'Started', intern(`Started container ${c.name}`), c);
    proc.start();
    runPostStart(this, c);
  }

  private exited(c: ContainerState, p: ContainerProcess): void {
    if (c.proc !== p) return;
    c.ready = false;
    c.started = false;
    this.markDirty();
    if (this.stopping) return this.maybeFinishDeletion();
    if (c.init && !c.sidecar && p.exit?.code === 0) return this.queueSync();
    this.queueSync(PLEG_MS);
  }

  /** A probe or `kubeplay pod crash` stopped the container; it follows the restart policy. */
  kill(c: ContainerState, graceMs: number): void {
    stopContainer(this, c, graceMs);
  }

  terminal(): boolean {
    const phase = podPhase(this.inits, this.apps, this.restartPolicy, this.sandboxReady);
    return phase === 'Succeeded' || phase === 'Failed';
  }

  /** Graceful deletion: stop every container (TERM, KILL after the grace), then remove the pod object. */
  terminate(): void {
    this.stopping = true;
    const grace = (this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    for (const c of [...this.apps, ...this.inits]) {
      if (!isRunning(c)) continue;
      this.event('Normal', 'Killing', `Stopping container ${c.name}`, c);
      stopContainer(this, c, grace);
    }
    this.maybeFinishDeletion();
  }

  maybeFinishDeletion(): void {
    if (!this.stopping || this.gone || this.containers().some(isRunning)) return;
    this.rt.schedule(0, () => {
      if (this.gone) return;
      this.rt.request({
        method: 'DELETE',
        path: `/api/v1/namespaces/${this.pod.metadata.namespace}/pods/${this.pod.metadata.name}`,
        body: { gracePeriodSeconds: 0, preconditions: { uid: this.uid } },
      });
    });
  }

  /** The pod object is gone: stop everything without further writes. */
  remove(): void {
    this.gone = true;
    for (const c of this.containers()) c.proc?.finish({ code: 137, reason: 'Error' });
    if (!this.pod.spec?.hostNetwork) this.rt.releaseIP(this.podIP);
  }

  private transition(type: string, status: string): string {
    const prior = this.transitions.get(type);
    if (prior && prior.status === status) return this.rt.clock.timestamp(prior.at);
    const now = this.rt.clock.now();
    this.transitions.set(type, { status, at: now });
    return this.rt.clock.timestamp(now);
  }

  statusJSON(): Record<string, unknown> {
    const phase = podPhase(this.inits, this.apps, this.restartPolicy, this.sandboxReady || this.apps.some((c) => c.proc));
    const conds = podConditions(this.inits, this.apps, phase, this.sandboxReady);
    const clock = this.rt.clock;
    const ts = (ms: number) => clock.timestamp(ms);
    const conditions: Record<string, unknown>[] = [];
    for (const type in conds) {
      const v = conds[type];
      const cond: Record<string, unknown> = { lastProbeTime: null, lastTransitionTime: this.transition(type, v.status) };
      if (v.message) cond.message = v.message;
      if (v.reason) cond.reason = v.reason;
      cond.status = v.status;
      cond.type = type;
      conditions.push(cond);
    }
    let scheduled = false;
    const kept: Record<string, unknown>[] = this.pod.status?.conditions ?? [];
    for (let i = 0; i < kept.length; i++) {
      const c = kept[i];
      // A keyed read, not `in` (slow on this object); both see the same names.
      if ((conds as Record<string, unknown>)[c.type as string] !== undefined) continue;
      if (c.type === 'PodScheduled') scheduled = true;
      conditions.push(c);
    }
    if (!scheduled) conditions.push({ lastProbeTime: null, lastTransitionTime: ts(this.startedAt), status: 'True', type: 'PodScheduled' });
    const hostIP = this.rt.hostIP();
    const status: Record<string, unknown> = {
      conditions,
      containerStatuses: this.apps.map((c) => containerStatusJSON(c, ts)),
      hostIP,
      hostIPs: [{ ip: hostIP }],
    };
    if (this.inits.length) status.initContainerStatuses = this.inits.map((c) => containerStatusJSON(c, ts));
    if (this.pod.status?.nominatedNodeName) status.nominatedNodeName = this.pod.status.nominatedNodeName;
    status.phase = phase;
    if (this.podIP) {
      status.podIP = this.podIP;
      status.podIPs = [{ ip: this.podIP }];
    }
    status.qosClass = this.pod.status?.qosClass;
    status.startTime = ts(this.startedAt);
    return status;
  }

  private flush(): void {
    this.dirty = false;
    if (this.gone || !this.rt.alive()) return;
    // Written whenever something was marked dirty: nearly every flush changes the status, and the API server stores
    // nothing (and notifies no one) for a write equal to what it holds.
    const status = this.statusJSON();
    this.rt.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${this.pod.metadata.namespace}/pods/${this.pod.metadata.name}/status`,
      contentType: 'application/json-patch+json',
      body: [{ op: 'add', path: '/status', value: status }],
    });
    if (this.terminal()) this.probes.stop();
  }

  /** Whether init containers are done (app containers may start). */
  initialized(): boolean {
    return initDone(this.inits);
  }
}

function defaultEntrypoint(behaviour: string | undefined, repo: string | undefined): string[] | undefined {
  if (behaviour === 'shell') return repo?.includes('ubuntu') || repo?.includes('debian') || repo?.includes('centos') ? ['bash'] : ['sh'];
  return undefined;
}

function defaultArgs(_repo: string | undefined): string[] {
  return [];
}

/** The version an image's banners and Server header print: the tag's, completed from the catalog. */
function versionOf(tag: string | undefined, image: CatalogImage | undefined): string {
  const bare = tag?.replace(/^v/, '').replace(/-.*$/, '');
  if (bare && /^\d+\.\d+\.\d+/.test(bare)) return bare;
  if (bare && /^\d+(\.\d+)?$/.test(bare)) {
    // nginx:1 and postgres:17 are the catalog's newest; nginx:1.27 the last 1.27 release; postgres:16 is 16.<newest minor>.
    if (image?.version && (image.version === bare || image.version.startsWith(`${bare}.`))) return image.version;
    const patch = image?.patchReleases?.[bare];
    if (patch) return patch;
    const [major, minor] = bare.split('.');
    const newestMinor = image?.versions?.[Number(major)];
    if (minor === undefined && newestMinor !== undefined) return `${major}.${newestMinor}`;
    return bare;
  }
  return image?.version ?? tag ?? 'latest';
}
