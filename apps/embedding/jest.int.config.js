module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'embedding:int',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 30000,
};
