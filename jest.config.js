/** Jest runs our TypeScript as ESM, transpile-only: `tsc -b` type-checks once before it. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^@slipway/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@slipway/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/__tests__/tsconfig.json' }],
  },
  // Real services take a moment to start; the per-test default of 5 s is too tight on 2 cores.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/scripts/jest-closing-line.cjs'],
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.ts',
};
