/** The page's one engine client, made on first use, drawing the build's prerendered cluster until its worker has booted. */
import prerendered from 'virtual:prerendered-cluster';
import { EngineClient } from './engine-client';

let client: EngineClient | undefined;

export function engine(): EngineClient {
  client ??= new EngineClient({ prerendered });
  return client;
}
