/** The example sessions in sessions/ stay truthful: every command succeeds except the deliberate mistakes. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster, type FileSystem } from '../../src/engine';
import { parseSession, Shell } from '../../src/engine/shell';

const dir = path.resolve(__dirname, '../../sessions');

const fs: FileSystem = {
  readFile: (p) => {
    try {
      return readFileSync(path.resolve(dir, p), 'utf8');
    } catch {
      return undefined;
    }
  },
  readDir: () => undefined,
  join: (d, n) => path.join(d, n),
};

function run(file: string) {
  const cluster = createCluster({ fs });
  const shell = new Shell(cluster, { fs });
  return parseSession(readFileSync(path.join(dir, file), 'utf8')).map((cmd) => ({ cmd, ...shell.runCommand(cmd) }));
}

describe('example sessions', () => {
  it('getting-started.sh: everything works but the misspelled kind', () => {
    const results = run('getting-started.sh');
    const failed = results.filter((r) => r.exitCode !== 0);
    expect(failed.map((r) => r.cmd.text.split('\n')[2])).toEqual(['kind: ConfigMpa']);
    expect(failed[0].stderr).toContain('no matches for kind "ConfigMpa" in version "v1"');
    expect(results.find((r) => r.cmd.source.startsWith('echo'))?.stdout).toBe('the greeting is: hello\n');
  });

  it('every other session runs without a failing command', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sh') && f !== 'getting-started.sh')) {
      const failed = run(file).filter((r) => r.exitCode !== 0);
      expect(failed.map((r) => `${file}:${r.cmd.line}: ${r.stderr}`)).toEqual([]);
    }
  });
});
