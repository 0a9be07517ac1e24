// Two tiers (ARCHITECTURE.md): fast unit specs next to the code, and e2e specs in test/
// against real PostgreSQL and Redis. Benchmarks live in bench/ and never run here.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const swcConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcConfig.$schema;

// @nestjs 12 and otplib's crypto (@otplib, @noble, @scure) ship ESM only; these packages must pass through swc so jest (CJS) can load them.
const esmPackages = ['@nestjs', '@otplib', '@noble', '@scure', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];

const libs = fs.readdirSync(path.join(__dirname, 'libs'));
const moduleNameMapper = Object.fromEntries(
  libs.map((lib) => [`^@foerderfluss/${lib}$`, `<rootDir>/libs/${lib}/src`]),
);

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcConfig] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // e2e files boot an app and talk to real services; 5 s (the default) is too tight on 2 cores.
  testTimeout: 60000,
  // Jest's default (cores − 1) runs a 2-core machine in band, and the second core then mostly waits
  // while the one worker waits for PostgreSQL, Redis or a child process. Two workers there took the
  // whole run from 709 s to 427 s (2026-12-07, 2 cores); each e2e file has its own database and
  // key prefix, so files do not meet.
  maxWorkers: Math.max(2, (os.availableParallelism ? os.availableParallelism() : os.cpus().length) - 1),
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/migrations/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
