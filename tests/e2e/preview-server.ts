/** Builds the app (once for all test files) and serves it with `vite preview` on a free localhost port. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const OUT_DIR = 'test-results/dist';
const LOCK = 'test-results/.build-lock';
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Test files run in parallel and each wants the built app: one builds while the others wait on a lock directory,
 * and a build newer than every source file is reused.
 */
async function buildOnce(): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (waited > 300_000) throw new Error(`${LOCK} held for 5 minutes: remove it if no test run is building`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const built = existsSync(join(OUT_DIR, 'index.html')) ? statSync(join(OUT_DIR, 'index.html')).mtimeMs : 0;
    if (built <= Math.max(...SOURCES.map(newestMtime))) {
      // Vitest sets NODE_ENV=test, which would give React's development build: test and measure what ships.
      execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', OUT_DIR, '--emptyOutDir'], {
        stdio: 'pipe',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
  } finally {
    rmdirSync(LOCK);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Preview {
  url: string;
  stop(): void;
}

export async function startPreview(): Promise<Preview> {
  const vite = 'node_modules/vite/bin/vite.js';
  await buildOnce();
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [vite, 'preview', '--outDir', OUT_DIR, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: 'pipe' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error('vite preview did not start');
}
