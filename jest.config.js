// One jest run over every package. Tests import sibling packages from source, so they
// always test the code as it is in the tree, not a stale build.
const packages = ['core', 'layers', 'models', 'data'];
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.test.json' }];

module.exports = {
  projects: packages.map((name) => ({
    displayName: name,
    rootDir: `<rootDir>/packages/${name}`,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: { '^.+\\.ts$': tsJest },
    moduleNameMapper: { '^@strata/([a-z]+)$': '<rootDir>/../$1/src/index.ts' },
    setupFiles: ['<rootDir>/../../jest.seed.ts'],
  })),
};
