export * from './load-config';
export * from './env-types';
export * from './common-config.schema';
export * from './price.schemas';
