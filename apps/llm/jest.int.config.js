module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'llm:int',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 30000,
};
