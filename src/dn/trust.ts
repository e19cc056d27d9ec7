/**
 * Passed to `new Rdn(avas, VALIDATED)` by the DN parser, which has already checked the types,
 * refused duplicates (with positions) and frozen each AVA, so the constructor can skip its own
 * checks and take the array over. Deliberately not exported from the dn barrel (nor reachable
 * through the package's `exports`), so only this layer can vouch for AVAs.
 */
export const VALIDATED: unique symbol = Symbol('warden.dn.validated');
