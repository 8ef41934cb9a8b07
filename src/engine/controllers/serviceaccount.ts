/** The service account controller: every active namespace has a `default` ServiceAccount, recreated if deleted. */
import type { Controller } from '../runtime/controller-manager';
import { ensureInEveryNamespace } from './ensure-in-namespaces';

export const serviceAccountController: Controller = {
  name: 'serviceaccount',
  start(ctx) {
    ensureInEveryNamespace(ctx, 'serviceaccounts', 'default', (ns) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: ns },
    }));
  },
};
