/**
 * `kubeplay scenario list|show|apply NAME`: the built-in scenarios, whose manifests a learner can read and apply
 * (applied with `kubectl apply -f -`, so the objects are the user's own, as if typed in).
 */
import type { CommandResult } from '../types';
import { BOOKSTORE_MANIFESTS } from './bookstore';

export interface Scenario {
  name: string;
  description: string;
  manifests: string;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'bookstore',
    description: 'LoadBalancer -> Deployment -> ClusterIP -> postgres StatefulSet with a claim, ConfigMap and Secret',
    manifests: BOOKSTORE_MANIFESTS,
  },
];

export const SCENARIO_USAGE = `  kubeplay scenario list
  kubeplay scenario show NAME
  kubeplay scenario apply NAME
`;

type Kubectl = (line: string, stdin?: string) => CommandResult;

const fail = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: 1 });

export function runScenarioAction(verb: string | undefined, args: string[], kubectl: Kubectl): CommandResult {
  if (verb === 'list' && !args.length) {
    const width = Math.max(4, ...SCENARIOS.map((s) => s.name.length)) + 3;
    const rows = SCENARIOS.map((s) => `${s.name.padEnd(width)}${s.description}`);
    return { stdout: [`${'NAME'.padEnd(width)}DESCRIPTION`, ...rows].join('\n') + '\n', stderr: '', exitCode: 0 };
  }
  if ((verb === 'show' || verb === 'apply') && args.length === 1) {
    const scenario = SCENARIOS.find((s) => s.name === args[0]);
    if (!scenario) return fail(`error: unknown scenario "${args[0]}"; kubeplay scenario list shows the built-in ones\n`);
    if (verb === 'show') return { stdout: scenario.manifests, stderr: '', exitCode: 0 };
    return kubectl('kubectl apply -f -', scenario.manifests);
  }
  return fail(`error: usage:\n${SCENARIO_USAGE}`);
}
