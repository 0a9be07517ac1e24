// Lint for correctness, not style. Boundaries between libs are checked by dependency-cruiser
// (.dependency-cruiser.cjs); this file guards the craft rules that a type checker cannot see.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const MONEY_RULES = [
  { selector: "CallExpression[callee.property.name='toFixed']", message: 'toFixed rundet Gleitkommazahlen: Money.round()/toApiString() verwenden.' },
  { selector: "CallExpression[callee.object.name='Number'][callee.property.name='parseFloat']", message: 'Money/Dec verwenden.' },
];

// Scope lives in the repository (ARCHITECTURE.md "Decided once"): raw data access bypasses the
// visibility rules, so it is allowed only in *.repository.ts, libs/database (the base itself),
// migrations, seeds, benches and tests.
const RAW_DATA_ACCESS_RULES = [
  {
    selector: "CallExpression[callee.property.name=/^(getRepository|createQueryBuilder|query)$/]",
    message: 'Kein roher Datenzugriff außerhalb eines Repositorys: über das Repository des Aggregats lesen (libs/<lib>/src/*.repository.ts), das den Scope anwendet.',
  },
];

// Files written before the repositories existed, migrated one aggregate at a time (issue 15).
// The list only shrinks: a new file with raw data access fails lint.
const NOT_YET_ON_REPOSITORIES = [
  'apps/api/src/health/health.controller.ts',
  'apps/api/src/payments/payments.controller.ts',
  'libs/applications/src/allocation-round.service.ts',
  'libs/applications/src/applications.service.ts',
  'libs/applications/src/attachments/application-attachments.service.ts',
  'libs/applications/src/attachments/attachments.service.ts',
  'libs/applications/src/attachments/required-attachments.ts',
  'libs/applications/src/calls.service.ts',
  'libs/audit/src/audit-verification.service.ts',
  'libs/audit/src/audit.service.ts',
  'libs/decisions/src/decisions.service.ts',
  'libs/decisions/src/round-decisions.service.ts',
  'libs/decisions/src/worklist.service.ts',
  'libs/exports/src/export-jobs/definitions/approvals.ts',
  'libs/exports/src/export-jobs/export-jobs.service.ts',
  'libs/exports/src/export-jobs/export-pipeline.ts',
  'libs/exports/src/export-jobs/export-runner.service.ts',
  'libs/exports/src/letters/letter-documents.service.ts',
  'libs/exports/src/letters/letter-model-builder.ts',
  'libs/exports/src/pg-row-source.ts',
  'libs/funding/src/budget-years.service.ts',
  'libs/funding/src/ledger.service.ts',
  'libs/identity/src/auth.service.ts',
  'libs/identity/src/login-throttle.service.ts',
  'libs/identity/src/users.service.ts',
  'libs/notifications/src/event-notifications.service.ts',
  'libs/notifications/src/mail-outbox.service.ts',
  'libs/notifications/src/notification-writer.ts',
  'libs/notifications/src/notifications.service.ts',
  'libs/notifications/src/reminders.service.ts',
  'libs/organisations/src/organisations.service.ts',
  'libs/organisations/src/user-administration.service.ts',
  'libs/payments/src/fund-use.service.ts',
  'libs/payments/src/payment-files.service.ts',
  'libs/payments/src/payment-requests.service.ts',
  'libs/payments/src/state-flows.service.ts',
  'libs/programmes/src/base-rates.service.ts',
  'libs/programmes/src/parameters.service.ts',
  'libs/programmes/src/programmes.service.ts',
  'libs/programmes/src/reference.service.ts',
  'libs/proof-of-use/src/recoveries.service.ts',
  'libs/proof-of-use/src/settlements.service.ts',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/dist/**', 'var/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Money is never a JS float (README "Geld"): no parseFloat/toFixed/Number() on amounts in business code.
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Geldbeträge nie als Gleitkommazahl: Money/Dec aus @foerderfluss/core verwenden.' }],
      'no-restricted-syntax': ['error', ...MONEY_RULES],
    },
  },
  {
    files: ['libs/**/*.ts', 'apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.repository.ts', 'libs/database/src/**', ...NOT_YET_ON_REPOSITORIES],
    rules: { 'no-restricted-syntax': ['error', ...MONEY_RULES, ...RAW_DATA_ACCESS_RULES] },
  },
  {
    // The browser app (apps/web): the rules of hooks on top of the rules above.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.flat.recommended.rules },
  },
  {
    // Migrations are generated by TypeORM and kept as generated.
    files: ['migrations/**/*.ts'],
    rules: { quotes: 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
