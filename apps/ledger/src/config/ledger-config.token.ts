/** Injection token of the ledger's parsed config. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
