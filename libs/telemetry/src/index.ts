export * from './telemetry.bootstrap';
export * from './logger';
export * from './metrics';
