// Resolves the `@conduit/<lib>` imports of the compiled output (tsc keeps them as written).
// Loaded with `node -r ./scripts/register-paths.cjs dist/apps/<app>/src/main.js`.
const path = require('node:path');
require('tsconfig-paths').register({
  baseUrl: path.resolve(__dirname, '..', 'dist'),
  paths: { '@conduit/*': ['libs/*/src'] },
  addMatchAll: false,
});
