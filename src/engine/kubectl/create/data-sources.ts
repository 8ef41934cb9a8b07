/** --from-literal, --from-file and --from-env-file, read as kubectl reads them (files through the host's fs). */
import type { CommandContext } from '../context';
import { KubectlError } from '../errors';

export interface DataEntry {
  key: string;
  value: string;
}

export function parseLiteralSource(source: string): DataEntry {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
  return { key: source.slice(0, eq), value: source.slice(eq + 1) };
}

function fileSource(source: string): { key: string; path: string } {
  const n = source.split('=').length - 1;
  if (n === 0) return { key: source.replace(/\/+$/, '').split('/').pop() || source, path: source };
  if (n === 1 && source.startsWith('=')) throw new KubectlError(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new KubectlError(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new KubectlError(`key names or file paths cannot contain '='`);
  const [key, path] = source.split('=');
  return { key, path };
}

function fsOf(ctx: CommandContext, path: string) {
  const fs = ctx.env.fs;
  if (!fs) {
    throw new KubectlError(
      `error reading ${path}: there is no file system here (the cluster runs in your browser); use --from-literal=KEY=VALUE instead`,
    );
  }
  return fs;
}

/** --from-file=[key=]path: a file becomes one key; a directory, one key per file in it. */
export function readFileSources(ctx: CommandContext, sources: string[]): DataEntry[] {
  const out: DataEntry[] = [];
  for (const source of sources) {
    const { key, path } = fileSource(source);
    const fs = fsOf(ctx, path);
    const entries = fs.readDir(path);
    if (entries) {
      if (source.includes('=')) throw new KubectlError('cannot give a key name for a directory path');
      for (const name of [...entries].sort()) {
        const value = fs.readFile(fs.join(path, name));
        if (value !== undefined && fs.readDir(fs.join(path, name)) === undefined) out.push({ key: name, value });
      }
      continue;
    }
    const value = fs.readFile(path);
    if (value === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
    out.push({ key, value });
  }
  return out;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** --from-env-file: KEY=VALUE lines; `#` comments and blank lines skipped; leading spaces trimmed. */
export function readEnvFileSources(ctx: CommandContext, paths: string[], what: 'config' | 'secret'): DataEntry[] {
  const out: DataEntry[] = [];
  for (const path of paths) {
    const fs = fsOf(ctx, path);
    if (fs.readDir(path)) throw new KubectlError(`env ${what} file cannot be a directory`);
    const text = fs.readFile(path);
    if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/^\s+/, '');
      if (!line || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!ENV_NAME.test(key)) {
        throw new KubectlError(
          `"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, ` +
            `digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or ` +
            `'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      }
      // Without `=`, kubectl reads the value from its own environment; there is none here.
      out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1) });
    });
  }
  return out;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** validation.IsConfigMapKey, joined as kubectl joins it. */
export function configKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) {
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** UTF-8 text to base64 (Secret data), without Node's Buffer. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin);
}
