/**
 * The simulated registry: common public images with the tags they really have, their size, the memory their
 * process uses, what their default process does and where it listens. A tag is known when it is one of `named`,
 * or MAJOR[.MINOR[.PATCH]] with MAJOR in `versions` and MINOR at most versions[MAJOR] (PATCH <= 40), optionally
 * followed by one of `suffixes`. So `nginx:1.16.1` exists and the docs' deliberate typo `nginx:1.161` does not.
 */

export type Behaviour =
  /** Runs until stopped (nginx, redis ...). */
  | 'server'
  /** A shell or shell-like image: its default command exits at once without a terminal. */
  | 'shell'
  /** A language runtime: the bare image exits; any command given is taken as a long-running app. */
  | 'runtime'
  /** Prints something and exits 0 (hello-world). */
  | 'oneshot';

export interface CatalogImage {
  /** Normalized repository: docker.io/library/nginx, registry.k8s.io/pause. */
  repo: string;
  named: string[];
  versions?: Record<number, number>;
  suffixes?: string[];
  /** Compressed size in MB (the Pulled event's size and the pull time derive from it). */
  sizeMB: number;
  /** Working-set memory of the default process, MiB (a lower memory limit means OOMKilled). */
  memoryMi: number;
  behaviour: Behaviour;
  ports?: number[];
  /** Paths an HTTP GET answers with 200 (others 404). */
  paths?: string[];
  /** Executables that start the image's server (a command naming one still runs the server). */
  servers?: string[];
  /** Banner style for simulated logs. */
  logs?: string;
  /** Version printed in banners when the tag does not say. */
  version?: string;
  /** The last patch release of a minor line whose tag names only the minor (nginx:1.27 is 1.27.5). */
  patchReleases?: Record<string, string>;
}

const DEBIAN_SUFFIXES = ['-alpine', '-slim', '-bookworm', '-bullseye', '-slim-bookworm', '-alpine3.20', '-alpine3.21', '-alpine3.22'];

const DOCKER_HUB: (Omit<CatalogImage, 'repo'> & { name: string })[] = [
  { name: 'nginx', named: ['latest', 'stable', 'mainline', 'alpine', 'alpine-slim', 'perl', 'bookworm', 'stable-alpine', 'mainline-alpine', 'stable-perl', 'alpine-perl'], versions: { 1: 29 }, suffixes: ['-alpine', '-perl', '-bookworm', '-alpine-slim', '-alpine-perl', '-bullseye'], sizeMB: 72.2, memoryMi: 8, behaviour: 'server', ports: [80], paths: ['/', '/index.html', '/healthz', '/ready'], servers: ['nginx', '/docker-entrypoint.sh'], logs: 'nginx', version: '1.29.1', patchReleases: { '1.23': '1.23.4', '1.24': '1.24.0', '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0' } },
  { name: 'httpd', named: ['latest', 'alpine', 'bookworm'], versions: { 2: 4 }, suffixes: ['-alpine', '-bookworm'], sizeMB: 58.4, memoryMi: 12, behaviour: 'server', ports: [80], paths: ['/', '/index.html'], servers: ['httpd', 'httpd-foreground'], logs: 'httpd', version: '2.4.65' },
  { name: 'redis', named: ['latest', 'alpine', 'bookworm'], versions: { 2: 8, 3: 2, 4: 0, 5: 0, 6: 2, 7: 4, 8: 2 }, suffixes: ['-alpine', '-bookworm', '-bullseye'], sizeMB: 45.6, memoryMi: 4, behaviour: 'server', ports: [6379], servers: ['redis-server', 'docker-entrypoint.sh'], logs: 'redis', version: '8.2.1' },
  { name: 'postgres', named: ['latest', 'alpine', 'bookworm'], versions: { 9: 6, 10: 23, 11: 22, 12: 22, 13: 22, 14: 19, 15: 14, 16: 10, 17: 6, 18: 1 }, suffixes: DEBIAN_SUFFIXES, sizeMB: 158.4, memoryMi: 40, behaviour: 'server', ports: [5432], servers: ['postgres', 'docker-entrypoint.sh'], logs: 'postgres', version: '17.6' },
  { name: 'mysql', named: ['latest', 'lts', 'innovation', 'oracle', 'debian'], versions: { 5: 7, 8: 4, 9: 4 }, suffixes: ['-oracle', '-debian', '-oraclelinux9'], sizeMB: 169.9, memoryMi: 380, behaviour: 'server', ports: [3306, 33060], servers: ['mysqld', 'docker-entrypoint.sh'], logs: 'mysql', version: '9.4.0' },
  { name: 'mariadb', named: ['latest', 'lts', 'jammy', 'noble'], versions: { 10: 11, 11: 8 }, suffixes: ['-jammy', '-noble', '-ubi'], sizeMB: 118.5, memoryMi: 90, behaviour: 'server', ports: [3306], servers: ['mariadbd', 'docker-entrypoint.sh'], logs: 'generic', version: '11.8.3' },
  { name: 'mongo', named: ['latest', 'jammy', 'noble'], versions: { 3: 6, 4: 4, 5: 0, 6: 0, 7: 0, 8: 0 }, suffixes: ['-jammy', '-noble', '-focal'], sizeMB: 258.8, memoryMi: 150, behaviour: 'server', ports: [27017], servers: ['mongod', 'docker-entrypoint.sh'], logs: 'generic', version: '8.0.13' },
  { name: 'busybox', named: ['latest', 'stable', 'musl', 'glibc', 'uclibc', 'unstable'], versions: { 1: 37 }, suffixes: ['-musl', '-glibc', '-uclibc'], sizeMB: 2.2, memoryMi: 1, behaviour: 'shell' },
  { name: 'alpine', named: ['latest', 'edge'], versions: { 3: 22 }, sizeMB: 3.6, memoryMi: 1, behaviour: 'shell' },
  { name: 'ubuntu', named: ['latest', 'rolling', 'devel', 'xenial', 'bionic', 'focal', 'jammy', 'noble', 'oracular', 'plucky', '14.04', '16.04', '18.04', '20.04', '22.04', '24.04', '24.10', '25.04', '25.10'], sizeMB: 29.7, memoryMi: 2, behaviour: 'shell' },
  { name: 'debian', named: ['latest', 'stable', 'stable-slim', 'buster', 'bullseye', 'bookworm', 'trixie', 'buster-slim', 'bullseye-slim', 'bookworm-slim', 'trixie-slim', 'testing', 'unstable'], versions: { 9: 13, 10: 13, 11: 11, 12: 12, 13: 1 }, suffixes: ['-slim'], sizeMB: 48.5, memoryMi: 2, behaviour: 'shell' },
  { name: 'centos', named: ['latest', 'centos7', 'centos8'], versions: { 6: 10, 7: 9, 8: 4 }, sizeMB: 79.7, memoryMi: 2, behaviour: 'shell' },
  { name: 'node', named: ['latest', 'lts', 'current', 'alpine', 'slim', 'bookworm', 'bullseye', 'lts-alpine', 'lts-slim', 'current-alpine'], versions: { 10: 24, 12: 22, 14: 21, 16: 20, 18: 20, 20: 19, 22: 19, 23: 11, 24: 8 }, suffixes: DEBIAN_SUFFIXES, sizeMB: 399.4, memoryMi: 40, behaviour: 'runtime' },
  { name: 'python', named: ['latest', 'slim', 'alpine', 'bookworm', 'bullseye'], versions: { 2: 7, 3: 14 }, suffixes: DEBIAN_SUFFIXES, sizeMB: 376.5, memoryMi: 15, behaviour: 'runtime' },
  { name: 'golang', named: ['latest', 'alpine', 'bookworm'], versions: { 1: 25 }, suffixes: DEBIAN_SUFFIXES, sizeMB: 298.1, memoryMi: 5, behaviour: 'runtime' },
  { name: 'perl', named: ['latest', 'slim', 'threaded', 'stable'], versions: { 5: 42 }, suffixes: ['-slim', '-threaded', '-bookworm', '-slim-bookworm'], sizeMB: 340.2, memoryMi: 10, behaviour: 'runtime' },
  { name: 'php', named: ['latest', 'apache', 'fpm', 'cli', 'alpine'], versions: { 5: 6, 7: 4, 8: 4 }, suffixes: ['-apache', '-fpm', '-cli', '-alpine', '-apache-bookworm', '-fpm-alpine'], sizeMB: 187.1, memoryMi: 20, behaviour: 'runtime' },
  { name: 'wordpress', named: ['latest', 'apache', 'fpm', 'fpm-alpine', 'php8.2', 'php8.3', 'cli'], versions: { 4: 9, 5: 9, 6: 8 }, suffixes: ['-apache', '-fpm', '-fpm-alpine', '-php8.1-apache', '-php8.2-apache', '-php8.3-apache', '-php8.4-apache', '-php8.2', '-php8.3'], sizeMB: 259.1, memoryMi: 60, behaviour: 'server', ports: [80], paths: ['/', '/wp-admin/install.php', '/wp-login.php'], servers: ['apache2-foreground', 'docker-entrypoint.sh'], logs: 'httpd', version: '2.4.65' },
  { name: 'traefik', named: ['latest'], versions: { 1: 7, 2: 11, 3: 5 }, sizeMB: 52.5, memoryMi: 40, behaviour: 'server', ports: [80, 443, 8080], paths: ['/', '/ping', '/dashboard/'], servers: ['traefik', '/entrypoint.sh'], logs: 'generic', version: '3.5.2' },
  { name: 'haproxy', named: ['latest', 'lts', 'alpine', 'lts-alpine', 'bookworm'], versions: { 1: 9, 2: 9, 3: 2 }, suffixes: ['-alpine', '-bookworm'], sizeMB: 40.2, memoryMi: 15, behaviour: 'server', ports: [80], servers: ['haproxy', 'docker-entrypoint.sh'], logs: 'generic', version: '3.2.4' },
  { name: 'memcached', named: ['latest', 'alpine', 'bookworm'], versions: { 1: 6 }, suffixes: ['-alpine', '-bookworm'], sizeMB: 32.8, memoryMi: 5, behaviour: 'server', ports: [11211], servers: ['memcached', 'docker-entrypoint.sh'], logs: 'generic', version: '1.6.39' },
  { name: 'rabbitmq', named: ['latest', 'management', 'alpine', 'management-alpine'], versions: { 3: 13, 4: 1 }, suffixes: ['-management', '-alpine', '-management-alpine'], sizeMB: 103.4, memoryMi: 130, behaviour: 'server', ports: [5672, 15672], paths: ['/'], servers: ['rabbitmq-server', 'docker-entrypoint.sh'], logs: 'generic', version: '4.1.4' },
  { name: 'hello-world', named: ['latest', 'linux', 'nanoserver'], sizeMB: 0.01, memoryMi: 1, behaviour: 'oneshot', logs: 'hello-world' },
];

const K8S_VERSION = { 1: 33 } as const;

const OTHERS: CatalogImage[] = [
  { repo: 'registry.k8s.io/busybox', named: ['latest', '1.24', '1.27', '1.27.2'], sizeMB: 0.7, memoryMi: 1, behaviour: 'shell' },
  { repo: 'registry.k8s.io/pause', named: ['latest', '3.1', '3.2', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.10.1'], sizeMB: 0.3, memoryMi: 1, behaviour: 'server', servers: ['/pause'] },
  { repo: 'registry.k8s.io/e2e-test-images/agnhost', named: [], versions: { 2: 56 }, sizeMB: 51.3, memoryMi: 10, behaviour: 'server', ports: [8080], paths: ['/', '/healthz', '/hostname', '/echo', '/clientip'], servers: ['/agnhost', 'agnhost'], logs: 'agnhost' },
  { repo: 'registry.k8s.io/echoserver', named: ['1.4', '1.10'], sizeMB: 46.1, memoryMi: 10, behaviour: 'server', ports: [8080], paths: ['/'], logs: 'generic' },
  { repo: 'registry.k8s.io/nginx-slim', named: [], versions: { 0: 27 }, sizeMB: 19.6, memoryMi: 6, behaviour: 'server', ports: [80], paths: ['/', '/index.html'], servers: ['nginx'], logs: 'nginx', version: '1.27.1' },
  { repo: 'registry.k8s.io/hpa-example', named: ['latest'], sizeMB: 175.4, memoryMi: 12, behaviour: 'server', ports: [80], paths: ['/', '/index.php'], logs: 'httpd', version: '2.4.10' },
  { repo: 'docker.io/kicbase/echo-server', named: ['latest', '1.0', '2.0'], sizeMB: 2.4, memoryMi: 5, behaviour: 'server', ports: [8080], paths: ['/'], logs: 'echo-server' },
  { repo: 'gcr.io/google-samples/hello-app', named: ['1.0', '2.0'], sizeMB: 4.9, memoryMi: 5, behaviour: 'server', ports: [8080], paths: ['/'], logs: 'hello-app' },
  { repo: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app', named: ['1.0', '2.0'], sizeMB: 4.9, memoryMi: 5, behaviour: 'server', ports: [8080], paths: ['/'], logs: 'hello-app' },
  { repo: 'docker.io/polinux/stress', named: ['latest', '1.0.4'], sizeMB: 4.1, memoryMi: 1, behaviour: 'server', servers: ['stress'], logs: 'stress' },
  { repo: 'registry.k8s.io/etcd', named: ['3.5.15-0', '3.5.16-0', '3.5.21-0', '3.6.4-0'], sizeMB: 57.7, memoryMi: 60, behaviour: 'server', ports: [2379, 2380, 2381], paths: ['/health', '/livez', '/readyz'], logs: 'generic' },
  { repo: 'registry.k8s.io/kube-apiserver', named: [], versions: K8S_VERSION, sizeMB: 30.1, memoryMi: 250, behaviour: 'server', ports: [6443], paths: ['/livez', '/readyz', '/healthz'], logs: 'generic' },
  { repo: 'registry.k8s.io/kube-controller-manager', named: [], versions: K8S_VERSION, sizeMB: 26.6, memoryMi: 60, behaviour: 'server', ports: [10257], paths: ['/healthz'], logs: 'generic' },
  { repo: 'registry.k8s.io/kube-scheduler', named: [], versions: K8S_VERSION, sizeMB: 20.6, memoryMi: 25, behaviour: 'server', ports: [10259], paths: ['/livez', '/readyz', '/healthz'], logs: 'generic' },
  { repo: 'registry.k8s.io/kube-proxy', named: [], versions: K8S_VERSION, sizeMB: 31.5, memoryMi: 20, behaviour: 'server', ports: [10249, 10256], paths: ['/healthz', '/livez'], logs: 'generic' },
  { repo: 'registry.k8s.io/coredns/coredns', named: ['v1.10.1', 'v1.11.1', 'v1.11.3', 'v1.12.0', 'v1.12.1'], sizeMB: 22.4, memoryMi: 15, behaviour: 'server', ports: [53, 8080, 8181, 9153], paths: ['/health', '/ready', '/metrics'], logs: 'coredns' },
  { repo: 'registry.k8s.io/metrics-server/metrics-server', named: ['v0.7.1', 'v0.7.2', 'v0.8.0'], sizeMB: 19.5, memoryMi: 20, behaviour: 'server', ports: [10250], paths: ['/livez', '/readyz'], logs: 'generic' },
  { repo: 'registry.k8s.io/ingress-nginx/controller', named: ['v1.11.2', 'v1.12.1', 'v1.13.0'], sizeMB: 105.3, memoryMi: 90, behaviour: 'server', ports: [80, 443, 10254], paths: ['/healthz', '/'], logs: 'generic' },
];

/** Kubernetes component tags are `v1.33.4`: version numbers with a leading v. */
const V_PREFIXED = new Set(['registry.k8s.io/kube-apiserver', 'registry.k8s.io/kube-controller-manager', 'registry.k8s.io/kube-scheduler', 'registry.k8s.io/kube-proxy']);

export const CATALOG = new Map<string, CatalogImage>([
  ...DOCKER_HUB.map((e): [string, CatalogImage] => {
    const { name, ...rest } = e;
    return [`docker.io/library/${name}`, { repo: `docker.io/library/${name}`, ...rest }];
  }),
  ...OTHERS.map((e): [string, CatalogImage] => [e.repo, e]),
]);

/** Whether `tag` exists for the catalog image. */
export function hasTag(image: CatalogImage, tag: string): boolean {
  if (image.named.includes(tag)) return true;
  if (!image.versions) return false;
  let rest = tag;
  if (V_PREFIXED.has(image.repo)) {
    if (!rest.startsWith('v')) return false;
    rest = rest.slice(1);
  }
  const suffix = (image.suffixes ?? []).find((s) => rest.endsWith(s));
  if (suffix) rest = rest.slice(0, -suffix.length);
  const m = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(rest);
  if (!m) return false;
  const maxMinor = image.versions[Number(m[1])];
  if (maxMinor === undefined) return false;
  if (m[2] !== undefined && Number(m[2]) > maxMinor) return false;
  return m[3] === undefined || Number(m[3]) <= 40;
}
