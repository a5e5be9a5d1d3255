module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'messaging:int',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 30000,
};
