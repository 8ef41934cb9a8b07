import type { Clock } from '../clock';
import type { Rng } from '../rng';
import type { Store } from '../store/store';
import type { KObject } from '../types';
import type { FieldError } from './field-errors';
import type { ResourceDef } from './resources';
import type { MetricsReader } from '../metrics/metrics-api';
import type { PodExecHandler } from './handlers/pod-exec';

/** What the API server's handlers and the kind strategies share. */
export interface ApiContext {
  store: Store;
  clock: Clock;
  rng: Rng;
  /** Serves pods/{name}/log: set by the kubelets' host; the body is the log text. */
  podLogs?: (pod: KObject, query: Record<string, string | undefined>) => { status: number; body: string };
  /** Serves the Kubeplay-only pods/{name}/scheduling record: set by the scheduler; undefined when it has none. */
  podScheduling?: (pod: KObject) => Record<string, unknown> | undefined;
  /** Serves pods/{name}/exec: set by the kubelets' host. */
  podExec?: PodExecHandler;
  /** The samples behind the metrics.k8s.io API: set by the simulated metrics-server. */
  metrics?: MetricsReader;
}

/** How one kind is defaulted, validated and prepared, as the real registry strategies do. */
export interface KindStrategy {
  /** Fill defaults in place (SetDefaults_*), on create and on every update. */
  defaults?(obj: KObject, ctx: ApiContext): void;
  /** Validation of a new object (metadata included), returning Kubernetes' own field errors. */
  validate?(obj: KObject, ctx: ApiContext): FieldError[];
  /** Extra checks on update: immutable fields and transitions. Runs after validate. */
  validateUpdate?(obj: KObject, old: KObject, ctx: ApiContext): FieldError[];
  /** Server-side changes on create (reset status, fold stringData into data ...). */
  prepareForCreate?(obj: KObject, ctx: ApiContext): void;
  /** Server-side changes on a main-resource update. */
  prepareForUpdate?(obj: KObject, old: KObject, ctx: ApiContext): void;
  /** Whether a change between old and new bumps metadata.generation (default: anything outside metadata and status). */
  bumpsGeneration?(obj: KObject, old: KObject): boolean;
  /** Metadata a status write may also change (Deployment: annotations). */
  statusMayWriteAnnotations?: boolean;
}

export type StrategyLookup = (def: ResourceDef) => KindStrategy;
