import { cancelOperation } from './cancel.js';
import { ExtendedOperationRegistry } from './extended-operation-registry.js';
import { passwordModifyOperation } from './password-modify.js';
import { startTlsOperation } from './start-tls.js';
import { whoAmIOperation } from './who-am-i.js';

/**
 * Every extended operation Warden implements; the order is the order of supportedExtension.
 * Notice of Disconnection is unsolicited (RFC 4511 §4.4.1), never requested, so it is not here.
 */
export function createDefaultExtendedOperationRegistry(): ExtendedOperationRegistry {
  const registry = new ExtendedOperationRegistry();
  for (const def of [startTlsOperation, whoAmIOperation, passwordModifyOperation, cancelOperation]) registry.register(def);
  return registry;
}
