/**
 * Which executables an image has in its $PATH, for `kubectl exec`: an exec of a program the image lacks fails in the
 * OCI runtime, as on a real node. Grouped by the base each image is built on:
 * - busybox and alpine: busybox applets (sh, nslookup, wget ...), no bash, no curl;
 * - Debian/Ubuntu bases: bash, dash as sh, coreutils, no network tools;
 * - images that add tools: nginx (curl, also on -alpine), php/wordpress (curl), the full language images built on
 *   buildpack-deps (curl, wget), agnhost (bind-tools, curl);
 * - distroless and scratch images (pause, the control-plane components, coredns ...): no shell at all.
 */
import type { ImageRef } from './reference';

const COREUTILS = [
  'cat', 'ls', 'env', 'printenv', 'hostname', 'echo', 'date', 'sleep', 'true', 'false', 'touch', 'rm', 'mkdir',
  'test', '[', 'seq', 'tail', 'printf', 'whoami', 'id', 'uname', 'pwd', 'head', 'wc', 'grep', 'sort', 'df', 'kill',
  'chmod', 'cp', 'mv', 'tee',
];
const BUSYBOX = [...COREUTILS, 'sh', 'ash', 'nslookup', 'wget', 'ping', 'ps', 'top', 'nc', 'vi', 'free', 'ip', 'ifconfig', 'netstat', 'traceroute'];
const DEBIAN = [...COREUTILS, 'sh', 'bash', 'dash'];
const NO_SHELL: string[] = [];

const BUSYBOX_REPOS = new Set(['docker.io/library/busybox', 'registry.k8s.io/busybox']);
const DEBIAN_REPOS = ['ubuntu', 'debian', 'centos', 'httpd', 'redis', 'postgres', 'mysql', 'mariadb', 'mongo', 'haproxy', 'memcached', 'rabbitmq'];
/** Language images: the full tags are built on buildpack-deps (curl, wget); -slim and -alpine are not. */
const LANGUAGE_REPOS = ['node', 'python', 'golang', 'perl'];
const DISTROLESS = new Set([
  'registry.k8s.io/pause', 'registry.k8s.io/kube-apiserver', 'registry.k8s.io/kube-controller-manager',
  'registry.k8s.io/kube-scheduler', 'registry.k8s.io/kube-proxy', 'registry.k8s.io/coredns/coredns',
  'registry.k8s.io/metrics-server/metrics-server', 'registry.k8s.io/etcd', 'docker.io/library/hello-world',
  'gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app',
  'docker.io/kicbase/echo-server',
]);

/** Debugging images the Kubernetes docs and tutorials exec into (`nslookup:bind` marks bind's nslookup rather than busybox's). */
const DEBUG_IMAGES: Record<string, string[]> = {
  'registry.k8s.io/e2e-test-images/jessie-dnsutils': [...DEBIAN, 'nslookup', 'dig', 'host', 'ping', 'nslookup:bind'],
  'docker.io/curlimages/curl': [...BUSYBOX, 'curl'],
  'docker.io/nicolaka/netshoot': [...BUSYBOX, 'bash', 'curl', 'dig', 'host', 'nslookup:bind'],
};

const library = (repo: string) => (repo.startsWith('docker.io/library/') ? repo.slice('docker.io/library/'.length) : undefined);

/** The executables in the image's $PATH that `kubectl exec` can start. */
export function imageTools(ref: Pick<ImageRef, 'repo' | 'tag'>): Set<string> {
  const { repo, tag } = ref;
  const name = library(repo);
  const alpine = /alpine/.test(tag);
  const debug = DEBUG_IMAGES[repo.replace(/^k8s\.gcr\.io\//, 'registry.k8s.io/')];
  if (debug) return new Set(debug);
  if (BUSYBOX_REPOS.has(repo) || name === 'alpine') return new Set(BUSYBOX);
  if (DISTROLESS.has(repo)) return new Set(NO_SHELL);
  if (name === 'nginx' || repo === 'registry.k8s.io/nginx-slim') return new Set([...(alpine ? BUSYBOX : DEBIAN), 'curl', 'nginx']);
  if (name === 'php' || name === 'wordpress') return new Set([...(alpine ? BUSYBOX : DEBIAN), 'curl', 'php']);
  if (repo === 'registry.k8s.io/e2e-test-images/agnhost') return new Set([...BUSYBOX, 'bash', 'curl', 'dig', 'agnhost', 'nslookup:bind']);
  if (name && LANGUAGE_REPOS.includes(name)) {
    const full = !alpine && !/slim/.test(tag);
    return new Set([...(alpine ? BUSYBOX : DEBIAN), ...(full ? ['curl', 'wget'] : []), name === 'golang' ? 'go' : name]);
  }
  if (name && DEBIAN_REPOS.includes(name)) return new Set(alpine ? BUSYBOX : DEBIAN);
  // Anything else (an app image such as scottb/bookstore, ingress-nginx, echoserver): a small Linux base with a shell.
  return new Set([...COREUTILS, 'sh']);
}
