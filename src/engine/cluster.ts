/** createCluster(): the engine assembled (clock, RNG, store, API server, kubectl) on the default topology. */
import { ApiServer } from './api/server';
import type { ApiContext } from './api/context';
import { strategyFor } from './api/strategies';
import './api/register';
import { Clock } from './clock';
import { Rng } from './rng';
import { Store } from './store/store';
import type { ApiRequest, ApiResponse, CommandResult, FileSystem, KObject, WatchEvent } from './types';
import { bootstrapDefaultCluster } from './scenarios/default-cluster';
import { runKubectl } from './kubectl';
import { runSimAction } from './sim-actions';
import { KubeletHost } from './kubelet/host';
import { ControllerManager } from './runtime/controller-manager';
import { CONTROLLERS } from './controllers';
import { scheduler } from './scheduler';
import { ClusterNetwork, networkControllers } from './network';
import { SimulatedTraffic } from './traffic';

export interface ClusterOptions {
  seed?: number;
  /** Worker nodes in the default topology (default 3). */
  workers?: number;
  /** File access for `kubectl apply -f PATH`; absent in the browser. */
  fs?: FileSystem;
  /** The simulated cloud's load-balancer controller (default on); off, LoadBalancer Services stay `<pending>`. */
  cloudLoadBalancer?: boolean;
}

export interface Cluster {
  request(req: ApiRequest): ApiResponse;
  /** A watch on an API path; `fn` gets each event until stop() is called. */
  watchRequest(req: ApiRequest, fn: (e: WatchEvent) => void): { response: ApiResponse; stop: () => void };
  kubectl(line: string, stdin?: string): CommandResult;
  sim(line: string): CommandResult;
  advance(ms: number): void;
  /** Runs the next scheduled piece of work (one timer: a reconcile, a probe, a heartbeat); false when none. */
  step(): boolean;
  /** When the next scheduled work is due, on the virtual clock; undefined when nothing is scheduled. */
  nextEventAt(): number | undefined;
  now(): number;
  /** Every change to every object, from now on (copies the caller may keep and change). */
  watch(fn: (event: WatchEvent) => void): () => void;
  /**
   * Every change to every object, from now on, without copying: the objects are the store's own, deep-frozen.
   * For hosts that serialize them anyway (the Web Worker posts them to the UI).
   */
  watchFrozen(fn: (event: Readonly<WatchEvent>) => void): () => void;
  /** Every object now stored (the store's own, deep-frozen) and the store revision they make up. */
  snapshotFrozen(): { revision: number; objects: readonly KObject[] };
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  const clock = new Clock();
  const rng = new Rng(options.seed ?? 1);
  const store = new Store();
  const ctx: ApiContext = { store, clock, rng };
  const api = new ApiServer(ctx, strategyFor);
  const request = (req: ApiRequest) => api.request(req);
  const controllers = new ControllerManager(api, ctx);
  const kubelets = new KubeletHost();
  const traffic = new SimulatedTraffic(ctx);
  const network = new ClusterNetwork(kubelets);
  kubelets.network = network;
  controllers.run([...CONTROLLERS, ...networkControllers(network, options), scheduler, kubelets, traffic]);
  bootstrapDefaultCluster((req) => api.request(req, true), { workers: options.workers ?? 3 });
  clock.advance(0);

  const kubeconfig = { namespace: 'default' };
  /** Work the command set off at this instant (controllers reacting with no delay) is done before it returns. */
  const settle = <T>(result: T): T => {
    clock.advance(0);
    return result;
  };
  const kubectlEnv = (stdin?: string) => ({
    request,
    now: () => clock.now(),
    advance: (ms: number) => clock.advance(ms),
    nextEventAt: () => clock.nextAt(),
    stdin,
    fs: options.fs,
    kubeconfig,
  });

  const cluster: Cluster = {
    request,
    watchRequest: (req, fn) => api.watch(req, fn),
    kubectl: (line, stdin) => settle(runKubectl(line, kubectlEnv(stdin))),
    sim: (line) => settle(runSimAction(line, { request, kubelets, traffic: traffic.load, network, kubectl: cluster.kubectl })),
    advance: (ms) => clock.advance(ms),
    step: () => clock.step(),
    nextEventAt: () => clock.nextAt(),
    now: () => clock.now(),
    watch: (fn) =>
      store.subscribe((ev) => fn({ type: ev.type, object: JSON.parse(JSON.stringify(ev.obj)) })),
    watchFrozen: (fn) => store.subscribe((ev) => fn({ type: ev.type, object: ev.obj })),
    snapshotFrozen: () => store.all(),
  };
  return cluster;
}
