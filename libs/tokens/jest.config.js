module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tokens',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
