/**
 * Vite plugin: `virtual:prerendered-cluster` is what the engine worker posts first for the page's default cluster
 * (ready and the snapshot after the warm-up), computed at build time by running the same worker host
 * (print-first-messages.ts, in a Node process of its own so that the build config does not load the engine). The
 * page draws it before its worker has booted; the worker then sends the same messages.
 */
import { execFileSync } from 'node:child_process';
import type { Plugin } from 'vite';

const ID = 'virtual:prerendered-cluster';
const RESOLVED = `\0${ID}`;

export function prerenderedCluster(): Plugin {
  return {
    name: 'kubeplay-prerendered-cluster',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const json = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/print-first-messages.ts'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      // A JSON.parse of a string literal is the cheapest way for a browser to load a large object.
      return `export default JSON.parse(${JSON.stringify(json)});`;
    },
  };
}
