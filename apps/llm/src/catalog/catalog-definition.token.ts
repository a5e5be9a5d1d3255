/** Nest token of the CatalogDefinition loaded at boot. */
export const CATALOG_DEFINITION = Symbol('CATALOG_DEFINITION');
