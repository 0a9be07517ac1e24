// Loads the TypeScript sources directly in a plain Node process (no build): compiles each .ts file
// with swc (the same .swcrc jest uses) and maps `@foerderfluss/<lib>` to libs/<lib>/src. Used to
// run the real worker as a child process that a test can kill with SIGKILL (test/exports.e2e-spec.ts)
// and the export benchmark (bench/export) without a build:
//   node -r ./scripts/ts-register.js apps/worker/src/main.ts
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@foerderfluss\/([a-z-]+)$/.exec(request);
  return originalResolve.call(this, m ? path.join(root, 'libs', m[1], 'src', 'index.ts') : request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, ...(process.env.TS_REGISTER_SOURCE_MAPS === "0" ? { sourceMaps: false } : {}), filename, swcrc: false, configFile: false });
  module._compile(code, filename);
};
