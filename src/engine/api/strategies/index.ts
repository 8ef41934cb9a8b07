/** Per-kind strategies (defaults, validation, prepare hooks), looked up by kind. */
import type { KindStrategy, StrategyLookup } from '../context';
import type { ResourceDef } from '../resources';

const strategies = new Map<string, KindStrategy>();

export function registerStrategy(kind: string, strategy: KindStrategy): void {
  strategies.set(kind, strategy);
}

const EMPTY: KindStrategy = {};

export const strategyFor: StrategyLookup = (def: ResourceDef) => strategies.get(def.kind) ?? EMPTY;
