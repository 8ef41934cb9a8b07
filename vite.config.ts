import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { prerenderedCluster } from './scripts/prerender-cluster.ts';
import { precompressedAssets } from './scripts/precompressed-assets.ts';

export default defineConfig({
  plugins: [react(), prerenderedCluster(), precompressedAssets()],
  worker: { format: 'es' },
  // The prerendered-cluster plugin runs the engine for a moment on purpose; Rolldown's slow-plugin notice says only that.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
  },
});
