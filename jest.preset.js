// Shared jest settings: SWC for speed (with decorator metadata, which NestJS DI needs),
// and the same `@conduit/<lib>` aliases as tsconfig.base.json.
const path = require('node:path');

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  setupFiles: [path.join(__dirname, 'jest.setup.js')],
  transform: { '^.+\\.ts$': swcTransform },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@conduit/(.*)$': path.join(__dirname, 'libs/$1/src'),
  },
};
