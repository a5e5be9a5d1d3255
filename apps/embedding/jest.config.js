module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'embedding',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
