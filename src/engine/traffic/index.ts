/**
 * The simulated traffic and the metrics pipeline of one cluster: `kubeplay load` sets loads on Services, the
 * metrics-server turns the resulting per-pod request rates (plus each image's idle use) into the metrics.k8s.io
 * API that `kubectl top` and the HorizontalPodAutoscaler read.
 */
import type { ApiContext } from '../api/context';
import { MetricsServer } from '../metrics/metrics-server';
import type { Controller, ControllerContext } from '../runtime/controller-manager';
import { TrafficLoad } from './load';

export class SimulatedTraffic implements Controller {
  readonly name = 'simulated-traffic';
  readonly load = new TrafficLoad();
  readonly metricsServer = new MetricsServer(this.load);

  constructor(apiContext: ApiContext) {
    apiContext.metrics = this.metricsServer;
  }

  start(ctx: ControllerContext): void {
    this.load.start(ctx);
    this.metricsServer.start(ctx);
  }
}
