module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'catalog',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
