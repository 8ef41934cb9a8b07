/** Prints, as JSON, what the engine worker posts first for the page's default cluster (read by prerender-cluster.ts). */
import { DEFAULT_SEED, freshStart } from '../src/ui/engine/default-start';
import { firstMessages } from '../src/worker/first-messages';

process.stdout.write(JSON.stringify(firstMessages(freshStart(DEFAULT_SEED, undefined))));
