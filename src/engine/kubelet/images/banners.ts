/** Plausible start-up output of the catalog's server images, as `kubectl logs` would show it. */
import type { CatalogImage } from './catalog';

export interface BannerContext {
  epochMs: number;
  version: string;
  podIP: string;
  env: Map<string, string>;
  repo: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parts(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth(),
    d: d.getUTCDate(),
    hms: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    ms: pad(d.getUTCMilliseconds(), 3),
    day: DAYS[d.getUTCDay()],
  };
}

/** nginx's access log line for a request (the kubelet's probes show up here). */
export function nginxAccessLine(epochMs: number, clientIP: string, path: string, status: number, agent: string): string {
  const p = parts(epochMs);
  return `${clientIP} - - [${pad(p.d)}/${MONTHS[p.mo]}/${p.y}:${p.hms} +0000] "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 615 : 153} "-" "${agent}" "-"`;
}

export function bannerLines(image: CatalogImage | undefined, c: BannerContext): string[] {
  const p = parts(c.epochMs);
  const name = c.repo.slice(c.repo.lastIndexOf('/') + 1);
  switch (image?.logs) {
    case 'nginx': {
      const t = `${p.y}/${pad(p.mo + 1)}/${pad(p.d)} ${p.hms}`;
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/${c.version}`,
        `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
        `${t} [notice] 1#1: OS: Linux 6.8.0-kubeplay`,
        `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${t} [notice] 1#1: start worker processes`,
        `${t} [notice] 1#1: start worker process 29`,
        `${t} [notice] 1#1: start worker process 30`,
      ];
    }
    case 'httpd': {
      const t = `[${p.day} ${MONTHS[p.mo]} ${pad(p.d)} ${p.hms}.${p.ms}000 ${p.y}]`;
      const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.podIP}. Set the 'ServerName' directive globally to suppress this message`;
      return [
        fqdn,
        fqdn,
        `${t} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${c.version} (Unix) configured -- resuming normal operations`,
        `${t} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      ];
    }
    case 'redis': {
      const t = `${pad(p.d)} ${MONTHS[p.mo]} ${p.y} ${p.hms}.${p.ms}`;
      return [
        `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${t} * Redis version=${c.version}, bits=64, commit=00000000, modified=1, pid=1, just started`,
        `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${t} * monotonic clock: POSIX clock_gettime`,
        `1:M ${t} * Running mode=standalone, port=6379.`,
        `1:M ${t} * Server initialized`,
        `1:M ${t} * Ready to accept connections tcp`,
      ];
    }
    case 'postgres': {
      const t = `${p.y}-${pad(p.mo + 1)}-${pad(p.d)} ${p.hms}.${p.ms} UTC`;
      return [
        `${t} [1] LOG:  starting PostgreSQL ${c.version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit`,
        `${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        `${t} [1] LOG:  listening on IPv6 address "::", port 5432`,
        `${t} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`,
        `${t} [1] LOG:  database system is ready to accept connections`,
      ];
    }
    case 'mysql': {
      const t = `${p.y}-${pad(p.mo + 1)}-${pad(p.d)}T${p.hms}.${p.ms}000Z`;
      return [
        `${t} 0 [System] [MY-015015] [Server] MySQL Server - start.`,
        `${t} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${c.version}) starting as process 1`,
        `${t} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${c.version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
      ];
    }
    case 'hello-world':
      return [
        '',
        'Hello from Docker!',
        'This message shows that your installation appears to be working correctly.',
        '',
      ];
    case 'echo-server':
      return ['Echo server listening on port 8080.'];
    case 'hello-app':
      return [`${p.y}/${pad(p.mo + 1)}/${pad(p.d)} ${p.hms} Server listening on port 8080`];
    case 'coredns':
      return ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', 'CoreDNS-1.12.0', 'linux/amd64, go1.23.3, 51e11f1'];
    case 'stress':
      return ['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd'];
    case 'agnhost':
      return [];
    default:
      if (c.repo.startsWith('registry.k8s.io/')) {
        return [`I${pad(p.mo + 1)}${pad(p.d)} ${p.hms}.${p.ms}000       1 server.go:163] "Starting ${name}" version="${c.version}"`];
      }
      return image ? [`${p.y}/${pad(p.mo + 1)}/${pad(p.d)} ${p.hms} ${name} ${c.version} started`] : [];
  }
}

/** Why a database image refuses to start without its password settings, as its entrypoint prints it. */
export function missingPasswordLines(image: CatalogImage | undefined, c: BannerContext): string[] | undefined {
  const t = `${new Date(c.epochMs).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
  if (image?.logs === 'postgres' && !c.env.get('POSTGRES_PASSWORD') && c.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    return [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ];
  }
  const mysqlVars = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'];
  if (image?.logs === 'mysql' && !mysqlVars.some((v) => c.env.has(v))) {
    return [
      `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${c.version}-1.el9 started.`,
      `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
      '    You need to specify one of the following as an environment variable:',
      '    - MYSQL_ROOT_PASSWORD',
      '    - MYSQL_ALLOW_EMPTY_PASSWORD',
      '    - MYSQL_RANDOM_ROOT_PASSWORD',
    ];
  }
  return undefined;
}
