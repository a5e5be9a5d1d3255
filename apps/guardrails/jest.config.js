module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'guardrails',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
