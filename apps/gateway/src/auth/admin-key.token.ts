/** Injection token of the resolved admin key (see `resolveAdminKey`). */
export const ADMIN_KEY = Symbol('ADMIN_KEY');
