/**
 * The simulated resource use of a running container: its image's idle use plus what the requests it serves cost.
 * These figures are Kubeplay's model (a real container's use depends on its code); they are chosen to look like
 * `kubectl top` on a small real cluster and to make the HPA walkthrough behave as the docs describe.
 */
import { parseQuantity } from '../api/quantity';
import { CATALOG, type CatalogImage } from '../kubelet/images/catalog';
import { parseImage } from '../kubelet/images/reference';

const MI = 1024 * 1024;

/** CPU one request costs a typical server: 1 ms of CPU time, so each request per second adds 1m (0.001 core). */
export const CPU_MILLICORES_PER_RPS = 1;

/** Memory a server holds per request per second it serves (connection buffers). */
export const MEMORY_BYTES_PER_RPS = 64 * 1024;

/** Images whose requests cost more than the default: the HPA walkthrough's php-apache runs a square-root loop. */
const CPU_PER_RPS_BY_IMAGE: Record<string, number> = {
  'registry.k8s.io/hpa-example': 10,
};

/** Idle CPU (millicores) of images busier than 1m when idle: the control-plane components and their neighbours. */
const IDLE_CPU_BY_IMAGE: Record<string, number> = {
  'registry.k8s.io/kube-apiserver': 45,
  'registry.k8s.io/etcd': 20,
  'registry.k8s.io/kube-controller-manager': 15,
  'registry.k8s.io/kube-scheduler': 3,
  'registry.k8s.io/coredns/coredns': 2,
  'registry.k8s.io/metrics-server/metrics-server': 3,
  'registry.k8s.io/ingress-nginx/controller': 2,
  'docker.io/library/mysql': 5,
  'docker.io/library/postgres': 2,
  'docker.io/library/mongo': 5,
  'docker.io/library/rabbitmq': 10,
};

/** What the node itself uses outside pods (kubelet, containerd, system daemons). */
export const NODE_SYSTEM_CPU_MILLICORES = 30;
export const NODE_SYSTEM_MEMORY_BYTES = 350 * MI;

/** Memory of an image the catalog does not know (a user's own app image). */
const UNKNOWN_IMAGE_MEMORY_BYTES = 20 * MI;

export interface ContainerProfile {
  idleMillicores: number;
  millicoresPerRps: number;
  memoryBytes: number;
  /** The CPU limit in millicores: CFS throttling caps use there. */
  limitMillicores?: number;
}

function catalogImage(image: string | undefined): { repo: string; entry: CatalogImage | undefined } {
  const parsed = parseImage(image ?? '');
  const repo = 'ref' in parsed ? parsed.ref.repo : '';
  return { repo, entry: CATALOG.get(repo) };
}

/** How the container `c` of a pod spec uses CPU and memory. */
export function containerProfile(c: any): ContainerProfile {
  const { repo, entry } = catalogImage(c?.image);
  // Servers and apps tick over at about 1m; a shell running `sleep` uses nothing measurable.
  const quiet = entry?.behaviour === 'shell' || entry?.behaviour === 'oneshot';
  const idle = IDLE_CPU_BY_IMAGE[repo] ?? (quiet ? 0 : 1);
  const limit = parseQuantity(c?.resources?.limits?.cpu);
  return {
    idleMillicores: idle,
    millicoresPerRps: CPU_PER_RPS_BY_IMAGE[repo] ?? CPU_MILLICORES_PER_RPS,
    memoryBytes: entry ? entry.memoryMi * MI : UNKNOWN_IMAGE_MEMORY_BYTES,
    limitMillicores: limit === undefined ? undefined : limit * 1000,
  };
}

/** CPU in millicores while serving `rps` requests per second. */
export function cpuMillicores(p: ContainerProfile, rps: number): number {
  const use = p.idleMillicores + p.millicoresPerRps * rps;
  return p.limitMillicores === undefined ? use : Math.min(use, p.limitMillicores);
}

/** Working-set memory in bytes while serving `rps` requests per second (whole KiB, as cgroup accounting is in pages). */
export function memoryBytes(p: ContainerProfile, rps: number): number {
  return Math.round((p.memoryBytes + MEMORY_BYTES_PER_RPS * rps) / 1024) * 1024;
}
