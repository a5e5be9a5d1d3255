import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What a pool worker runs first: it loads the module that holds the work (`workerData.modulePath`)
 * and answers `{ id, fn, args }` messages with `{ id, result }` or `{ id, error }`.
 *
 * The same code must run from compiled output (`dist/…/*.js`, where `-r register-paths.cjs` is
 * inherited by the worker) and from TypeScript sources (jest, where the parent's transform does
 * not reach a worker thread). For sources it compiles `.ts` on load with swc, as jest does, and
 * resolves `@conduit/<lib>` like tsconfig.base.json. Kept as JavaScript text because a worker
 * cannot load a `.ts` entry before that hook exists.
 */
export const WORKER_BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.sourcesRoot) {
  const fs = require('node:fs');
  const swc = require('@swc/core');
  require('tsconfig-paths').register({
    baseUrl: workerData.sourcesRoot,
    paths: { '@conduit/*': ['libs/*/src'] },
    addMatchAll: false,
  });
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}
const work = require(workerData.modulePath);
parentPort.on('message', ({ id, fn, args }) => {
  try {
    parentPort.postMessage({ id, result: work[fn](...args) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), stack: error && error.stack } });
  }
});
`;

/**
 * The repository root when `modulePath` is a TypeScript source (the worker must compile it),
 * otherwise undefined (compiled output runs as is).
 */
export function sourcesRootOf(modulePath: string): string | undefined {
  if (!modulePath.endsWith('.ts')) return undefined;
  for (let dir = dirname(modulePath); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return dir;
  }
  throw new Error(`No tsconfig.base.json above ${modulePath} to resolve @conduit/* from`);
}
