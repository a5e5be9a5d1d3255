module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ledger',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
