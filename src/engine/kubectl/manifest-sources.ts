/** Where `-f` manifests come from: STDIN, files, directories (optionally recursive). URLs cannot be read here. */
import type { CommandContext } from './context';

export interface ManifestSource {
  /** The name kubectl uses in messages: the path as given (joined for directory members), or "STDIN". */
  name: string;
  text: string;
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

export function readManifestSources(
  ctx: CommandContext,
  filenames: string[],
  recursive: boolean,
): { sources: ManifestSource[]; errors: string[] } {
  const sources: ManifestSource[] = [];
  const errors: string[] = [];
  for (const f of filenames) {
    if (f === '-') {
      sources.push({ name: 'STDIN', text: ctx.env.stdin ?? '' });
      continue;
    }
    if (/^https?:\/\//i.test(f)) {
      errors.push(
        `error: unable to read URL "${f}": this simulated cluster has no network access; ` +
          `paste the manifest instead: kubectl ${ctx.name} -f - <<EOF ... EOF`,
      );
      continue;
    }
    const fs = ctx.env.fs;
    if (!fs) {
      errors.push(
        `error: cannot read the path "${f}": there is no file system here (the cluster runs in your browser); ` +
          `paste the manifest instead: kubectl ${ctx.name} -f - <<EOF ... EOF, or use the YAML editor`,
      );
      continue;
    }
    const entries = fs.readDir(f);
    if (entries === undefined) {
      const text = fs.readFile(f);
      if (text === undefined) errors.push(`error: the path "${f}" does not exist`);
      else sources.push({ name: f, text });
      continue;
    }
    const found: ManifestSource[] = [];
    walk(fs, f, entries, recursive, found);
    if (found.length === 0) errors.push(`error: error reading [${f}]: recognized file extensions are [${EXTENSIONS.join(' ')}]`);
    sources.push(...found);
  }
  return { sources, errors };
}

function walk(
  fs: NonNullable<CommandContext['env']['fs']>,
  dir: string,
  entries: string[],
  recursive: boolean,
  out: ManifestSource[],
): void {
  for (const name of [...entries].sort()) {
    const path = fs.join(dir, name);
    const sub = fs.readDir(path);
    if (sub !== undefined) {
      if (recursive) walk(fs, path, sub, recursive, out);
      continue;
    }
    if (!EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))) continue;
    const text = fs.readFile(path);
    if (text !== undefined) out.push({ name: path, text });
  }
}
