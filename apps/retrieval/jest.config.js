module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'retrieval',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
