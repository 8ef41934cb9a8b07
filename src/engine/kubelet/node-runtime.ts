/** What a pod worker needs from its node's kubelet. */
import type { Clock } from '../clock';
import type { EventRecorder } from '../runtime/events';
import type { ApiRequest, ApiResponse } from '../types';
import type { Backoff } from './backoff';
import type { ConfigLookup } from './env';
import type { ImageStore } from './images/image-store';
import type { ProcessHost } from './process';

export interface NodeRuntime {
  nodeName: string;
  clock: Clock;
  /** A timer that fires only while this kubelet runs (a failed node's timers are dropped). */
  schedule(ms: number, fn: () => void): void;
  alive(): boolean;
  request(req: ApiRequest): ApiResponse;
  recorder: EventRecorder;
  images: ImageStore;
  backoff: Backoff;
  config: ConfigLookup;
  processHost: ProcessHost;
  hostIP(): string;
  /** The pod network's gateway on this node (where probes come from). */
  gatewayIP(): string;
  allocateIP(): string;
  releaseIP(ip: string): void;
}
