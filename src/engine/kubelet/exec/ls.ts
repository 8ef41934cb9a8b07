/**
 * `ls` for `kubectl exec`: the container's files (mounted volumes, kubelet-managed /etc files, what the container
 * wrote) on top of the image's usual root directories, with `-l`, `-a` and `-1`, and the "No such file" error in the
 * style of busybox or GNU coreutils.
 */
import type { Builtin } from '../shell/builtins';
import { finished } from './finished';

export type Userland = 'busybox' | 'gnu';

const ROOT: Record<Userland, string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  gnu: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function stamp(epochMs: number): string {
  const d = new Date(epochMs);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 16)}`;
}

function normalize(path: string): string {
  const abs = path.startsWith('/') ? path : `/${path}`;
  return abs.length > 1 ? abs.replace(/\/+$/, '') : abs;
}

export function lsTool(userland: Userland): Builtin {
  return (args, io) => {
    const flags = args.filter((a) => /^-[a-zA-Z1]+$/.test(a)).join('');
    const long = flags.includes('l');
    const all = flags.includes('a');
    const paths = args.filter((a) => !a.startsWith('-'));
    const targets = paths.length ? paths : ['/'];
    const files = io.files;
    const children = (dir: string): Map<string, 'file' | 'dir'> => {
      const out = new Map<string, 'file' | 'dir'>();
      if (dir === '/') for (const d of ROOT[userland]) out.set(d, 'dir');
      const prefix = dir === '/' ? '/' : `${dir}/`;
      for (const p of files.keys()) {
        const abs = normalize(p);
        if (!abs.startsWith(prefix)) continue;
        const rest = abs.slice(prefix.length).split('/');
        out.set(rest[0], rest.length > 1 ? 'dir' : (out.get(rest[0]) ?? 'file'));
      }
      return out;
    };
    const isDir = (dir: string) => dir === '/' || ROOT[userland].includes(dir.slice(1)) || children(dir).size > 0;
    const line = (name: string, kind: 'file' | 'dir', path: string) => {
      if (!long) return name;
      const size = kind === 'dir' ? 4096 : new TextEncoder().encode(files.get(path) ?? files.get(path.slice(1)) ?? '').length;
      const mode = kind === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
      const links = kind === 'dir' ? 2 : 1;
      return userland === 'busybox'
        ? `${mode}${String(links).padStart(5)} root     root     ${String(size).padStart(9)} ${stamp(io.epochMs())} ${name}`
        : `${mode} ${links} root root ${String(size).padStart(4)} ${stamp(io.epochMs())} ${name}`;
    };
    let code = 0;
    const blocks: string[] = [];
    for (const raw of targets) {
      const path = normalize(raw);
      if (files.has(raw) || files.has(path)) {
        blocks.push(`${line(raw, 'file', path)}\n`);
        continue;
      }
      if (!isDir(path)) {
        io.error(userland === 'busybox' ? `ls: ${raw}: No such file or directory\n` : `ls: cannot access '${raw}': No such file or directory\n`);
        code = userland === 'busybox' ? 1 : 2;
        continue;
      }
      const entries = [...children(path)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (all) entries.unshift(['.', 'dir'], ['..', 'dir']);
      const lines = entries.map(([name, kind]) => line(name, kind, `${path === '/' ? '' : path}/${name}`));
      const head = targets.length > 1 ? `${raw}:\n` : '';
      const total = long ? `total ${entries.length * 4}\n` : '';
      blocks.push(`${head}${total}${lines.map((l) => `${l}\n`).join('')}`);
    }
    io.write(blocks.join(targets.length > 1 ? '\n' : ''));
    return finished(code);
  };
}
