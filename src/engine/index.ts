/** The simulated cluster's public surface: createCluster() and the types it speaks. */
export { createCluster, type Cluster, type ClusterOptions } from './cluster';
export type { ApiRequest, ApiResponse, CommandResult, KObject, WatchEvent, FileSystem } from './types';
