/** Builds the app and serves it with `vite preview` on a free localhost port, for browser tests. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

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
  execFileSync(process.execPath, [vite, 'build', '--outDir', 'test-results/dist'], { stdio: 'pipe' });
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [vite, 'preview', '--outDir', 'test-results/dist', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
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
