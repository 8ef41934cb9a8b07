/**
 * ImageLocality: favours nodes that already have the pod's images (from Node status.images), weighted by how
 * widely the image is spread, clamped between 23 MB and 1000 MB per container and scaled to 0-100.
 */
import type { Plugin } from '../framework';
import { MAX_NODE_SCORE } from '../framework';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** A reference without a tag gets `:latest` (normalizedImageName). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export const imageLocality: Plugin = {
  name: 'ImageLocality',
  preScore(s) {
    const containers = [...(s.pod.spec?.initContainers ?? []), ...(s.pod.spec?.containers ?? [])];
    s.data.set('ImageLocality', containers.map((c) => normalizedImageName(c.image ?? '')));
    return true;
  },
  score(s, nodes, out) {
    const names = s.data.get('ImageLocality') as string[];
    const total = s.cache.nodes().length;
    const max = MAX_CONTAINER_THRESHOLD * names.length;
    if (!names.some((n) => s.cache.imageNodes.has(n))) {
      out.fill(0, 0, nodes.length);
      return;
    }
    for (let i = 0; i < nodes.length; i++) {
      const images = nodes[i].images;
      let sum = 0;
      if (images.size) {
        for (const name of names) {
          const size = images.get(name);
          if (size !== undefined) sum += Math.trunc(size * ((s.cache.imageNodes.get(name) ?? 0) / total));
        }
      }
      const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
      out[i] = Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
    }
  },
};
