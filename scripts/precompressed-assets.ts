/**
 * Vite plugin: the build writes a gzip copy of each script and style sheet beside it, and `vite preview` (what
 * `npm start` serves) sends that copy to browsers that accept gzip, instead of compressing every response again.
 * The hashed files under /assets never change, so browsers may keep them.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|css|svg|json|ttf)$/;
const TYPES: Record<string, string> = {
  js: 'text/javascript',
  css: 'text/css',
  svg: 'image/svg+xml',
  json: 'application/json',
  ttf: 'font/ttf',
};

export function precompressedAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kubeplay-precompressed-assets',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const assets = join(outDir, 'assets');
      if (!existsSync(assets)) return;
      for (const name of readdirSync(assets)) {
        if (COMPRESSIBLE.test(name)) writeFileSync(join(assets, `${name}.gz`), gzipSync(readFileSync(join(assets, name)), { level: 9 }));
      }
    },
    configurePreviewServer(server) {
      const root = server.config.build.outDir;
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const ext = /^\/assets\/[\w.-]+\.(\w+)$/.exec(path)?.[1];
        const file = join(root, `${path}.gz`);
        if (!ext || !TYPES[ext] || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) || !existsSync(file)) return next();
        res.setHeader('Content-Type', TYPES[ext]);
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', statSync(file).size);
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        if (req.method === 'HEAD') return res.end();
        createReadStream(file).pipe(res);
      });
    },
  };
}
