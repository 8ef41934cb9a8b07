/**
 * The page's entry: starts the engine worker at once, then loads the app. The app's bundle (React, React Flow) and the
 * worker's (the engine) then load and evaluate in parallel, and the cluster is booted by the time the graph mounts.
 */
import { startEarly } from './engine/engine-worker';

startEarly();
void import('./main');
