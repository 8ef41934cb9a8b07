/** Every kubectl command, one file each. */
import type { Command } from '../context';
import { applyCommand } from './apply';
import { createCommand } from './create';
import { runCommand } from './run';
import { getCommand } from './get';
import { describeCommand } from './describe';
import { deleteCommand } from './delete';
import { replaceCommand } from './replace';
import { patchCommand } from './patch';
import { labelCommand } from './label';
import { annotateCommand } from './annotate';
import { apiResourcesCommand } from './api-resources';
import { apiVersionsCommand } from './api-versions';
import { versionCommand } from './version';
import { clusterInfoCommand } from './cluster-info';
import { configCommand } from './config';
import { scaleCommand } from './scale';
import { setCommand } from './set';
import { rolloutCommand } from './rollout';
import { cordonCommand, uncordonCommand } from './cordon';
import { drainCommand } from './drain';
import { taintCommand } from './taint';
import { logsCommand } from './logs';
import { execCommand } from './exec';
import { eventsCommand } from './events';
import { waitCommand } from './wait';
import { topCommand } from './top';
import { autoscaleCommand } from './autoscale';
import { exposeCommand } from './expose';

export const COMMANDS: Command[] = [
  applyCommand,
  createCommand,
  runCommand,
  getCommand,
  describeCommand,
  deleteCommand,
  replaceCommand,
  patchCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  versionCommand,
  clusterInfoCommand,
  configCommand,
  scaleCommand,
  setCommand,
  rolloutCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  logsCommand,
  execCommand,
  eventsCommand,
  waitCommand,
  topCommand,
  autoscaleCommand,
  exposeCommand,
];
