/** Tests run against this machine's real PostgreSQL and Redis; see libs/testing. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // The fault suite runs on its own (npm run test:faults, jest.faults.config.js): it takes minutes.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
  // Octokit and its helpers ship only ES modules: jest (CommonJS) transforms them too.
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  transformIgnorePatterns: ['/node_modules/(?!(@octokit|universal-user-agent|before-after-hook|fast-content-type-parse|json-with-bigint)/)'],
  moduleNameMapper: { '^@hydrator/(.*)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60000,
};
