// The import boundaries of ARCHITECTURE.md, enforced in CI (`npm run lint`):
//   core ← rules
//   core ← database ← audit ← identity ← organisations ← programmes ← funding
//        ← applications ← decisions ← payments ← proof-of-use ← land ← cases ← monitoring ← exports, notifications ← job-sources
//   jobs ← (job-sources, api, worker)
// A lib imports only libs below it, only through their public index.ts, never an app.

/** The chain, lowest first. A lib may import any lib earlier in this list. */
const CHAIN = [
  'core',
  'database',
  'audit',
  'identity',
  'organisations',
  'programmes',
  'funding',
  'applications',
  'decisions',
  'payments',
  'proof-of-use',
  // The Land's side of a Land-wide install (issue 20): Verteilungsschlüssel, Zuweisungen, the Land's
  // Prüfung of the Kreise's proofs, the overview of the Kreise; reads the Kreis's libs below.
  'land',
  // Assignment, Wiedervorlage and history of the records of the libs below (issue 16).
  'cases',
  // Kennzahlen und Geld über Jahre, Handlungsfelder, Sozialräume (issue 19): reads the libs below,
  // the ANNUAL_REPORT export reads it.
  'monitoring',
  'exports',
  'notifications',
  // Which record each job name stands for (issue 18): shared by the worker's reconciler and the
  // api's admin retry, so it sits above the libs that own the records and may name the jobs.
  'job-sources',
];
// exports and notifications sit side by side at the top: neither may import the other.
const PEERS = { exports: ['notifications'], notifications: ['exports'] };

const forbidden = [
  { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  {
    name: 'no-deep-lib-import',
    comment: 'Import another lib only through its index.ts (by alias @foerderfluss/<lib>).',
    severity: 'error',
    from: { path: '^libs/([^/]+)/' },
    to: { path: '^libs/[^/]+/src/(?!index\\.ts$)', pathNot: ['^libs/$1/'] },
  },
  {
    name: 'no-deep-lib-import-from-outside',
    severity: 'error',
    from: { path: '^(apps|seeds|test|bench)/' },
    to: { path: '^libs/[^/]+/src/(?!index\\.ts$)' },
  },
  {
    name: 'libs-not-into-apps',
    severity: 'error',
    from: { path: '^libs/' },
    to: { path: '^apps/' },
  },
  {
    name: 'api-and-worker-separate',
    comment: 'The worker and the api share code only through libs/.',
    severity: 'error',
    from: { path: '^apps/(api|worker)/' },
    to: { path: '^apps/(api|worker)/', pathNot: ['^apps/$1/'] },
  },
  {
    name: 'rules-only-core',
    comment: 'The law stays pure: rules/ depends on core/ alone (no Nest, no I/O).',
    severity: 'error',
    from: { path: '^libs/rules/' },
    to: { pathNot: ['^libs/(rules|core)/', '^node_modules/decimal\\.js/'] },
  },
  {
    name: 'core-no-framework',
    comment: 'core is plain TypeScript: Money, dates, errors, config schema.',
    severity: 'error',
    from: { path: '^libs/core/' },
    to: { path: '^node_modules/(@nestjs|typeorm|pg|bullmq|ioredis|express)/' },
  },
  {
    name: 'jobs-only-core',
    comment: 'jobs is the contract between api and worker; it knows queues, not business libs.',
    severity: 'error',
    from: { path: '^libs/jobs/' },
    to: { path: '^libs/', pathNot: ['^libs/(jobs|core)/'] },
  },
  {
    name: 'only-apps-use-jobs',
    severity: 'error',
    from: { path: '^libs/', pathNot: '^libs/(jobs|job-sources)/' },
    to: { path: '^libs/jobs/' },
  },
  {
    name: 'no-queue-or-http-in-libs',
    comment: 'Nothing in libs/ knows HTTP or BullMQ (except the jobs contract).',
    severity: 'error',
    from: { path: '^libs/', pathNot: '^libs/jobs/' },
    to: { path: '^node_modules/(bullmq|express|@nestjs/platform-express|supertest)/' },
  },
  {
    name: 'rules-not-below-database',
    comment: 'database is infrastructure below the law; it does not compute rules.',
    severity: 'error',
    from: { path: '^libs/database/' },
    to: { path: '^libs/rules/' },
  },
];

for (const [i, lib] of CHAIN.entries()) {
  const allowed = [...CHAIN.slice(0, i + 1), 'rules'].filter((l) => !(PEERS[lib] ?? []).includes(l));
  if (lib === 'core') allowed.splice(allowed.indexOf('rules'), 1);
  forbidden.push({
    name: `layer-${lib}`,
    comment: `${lib} may import only: ${allowed.join(', ')}`,
    severity: 'error',
    from: { path: `^libs/${lib}/` },
    to: { path: '^libs/', pathNot: allowed.map((l) => `^libs/${l}/`).concat('^libs/jobs/') },
  });
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|^apps/web/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
