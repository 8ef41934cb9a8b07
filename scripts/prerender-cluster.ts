/**
 * Vite plugin: `virtual:prerendered-cluster` is what the engine worker posts first for the page's default cluster
 * (ready and the snapshot after the warm-up), computed at build time. The page draws it while the worker boots, so the
 * graph does not wait for the engine's bundle to load and run; the worker then sends the same messages.
 */
import type { Plugin } from 'vite';
import { firstMessages } from '../src/worker/first-messages';
import { freshStart } from '../src/ui/engine/default-start';

const ID = 'virtual:prerendered-cluster';
const RESOLVED = `\0${ID}`;

export function prerenderedCluster(): Plugin {
  return {
    name: 'kubeplay-prerendered-cluster',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const messages = firstMessages(freshStart(1, undefined));
      // A JSON.parse of a string literal is the cheapest way for a browser to load a large object.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(messages))});`;
    },
  };
}
