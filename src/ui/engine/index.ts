/** The page's one engine client, made on first use. */
import { EngineClient } from './engine-client';

let client: EngineClient | undefined;

export function engine(): EngineClient {
  client ??= new EngineClient();
  return client;
}
