module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'llm',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
