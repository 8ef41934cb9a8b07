/** `kubeplay ...` simulator actions. The workload simulation that gives them meaning arrives with the kubelet. */
import type { CommandResult } from './types';

export function runSimAction(line: string): CommandResult {
  const words = line.trim().split(/\s+/);
  const verb = words[0] === 'kubeplay' ? words.slice(1, 3).join(' ') : words.slice(0, 2).join(' ');
  return {
    stdout: '',
    stderr: `error: "kubeplay ${verb}" needs the simulated kubelet and controllers, which this version of Kubeplay does not run yet\n`,
    exitCode: 1,
  };
}
