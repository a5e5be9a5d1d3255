module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ledger:int',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 30000,
};
