import { assertionControl } from './assertion.js';
import { ControlRegistry } from './control-registry.js';
import { manageDsaItControl } from './manage-dsa-it.js';
import { pagedResultsControl } from './paged-results.js';
import { passwordPolicyControl } from './password-policy.js';
import { postReadControl } from './post-read.js';
import { preReadControl } from './pre-read.js';
import { proxiedAuthzControl } from './proxied-authz.js';
import { sortRequestControl, sortResponseControl } from './server-side-sort.js';

/** Every control Warden implements; the order is the order of supportedControl. */
export function createDefaultControlRegistry(): ControlRegistry {
  const registry = new ControlRegistry();
  for (const def of [
    pagedResultsControl,
    sortRequestControl,
    sortResponseControl,
    assertionControl,
    preReadControl,
    postReadControl,
    manageDsaItControl,
    proxiedAuthzControl,
    passwordPolicyControl,
  ]) {
    registry.register(def);
  }
  return registry;
}
