#!/usr/bin/env node
// bench:storage (issue 17): a put streams in constant memory, to the local folder and to S3.
//
//   npm run bench:storage        (no build, no services needed)
//
// 1. Compiles libs/core and libs/database (with the s3rver test server) with swc into a temp folder.
// 2. Starts s3rver in a child process (so the server's own memory is not measured).
// 3. In this process puts a generated stream of BENCH_MB MiB (default 200) through
//    LocalFileStorage and through S3FileStorage (part size S3_PART_SIZE_MB, default 8; queue size
//    S3_UPLOAD_QUEUE_SIZE, default 2), sampling RSS and heap+ArrayBuffers every 25 ms, and checks
//    the stored size and SHA-256.
// Goal: the peak growth of heap+ArrayBuffers over the baseline stays below 2 × part size ×
// (queue size + 1) + 32 MiB for S3 (the parts held by lib-storage, their copies in the requests, and
// garbage the collector has not yet taken) and below 64 MiB for the folder, however large the file.
// Measured on the 2-core machine (Node 20, defaults): 200 MiB → local +34, s3 +59 MiB;
// 800 MiB → local +38, s3 +76 MiB (budget 80): flat, not proportional to the file.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { fork } = require('node:child_process');
const { Readable } = require('node:stream');

const root = path.resolve(__dirname, '..', '..');
const MiB = 1024 * 1024;

function compile(buildDir) {
  const { transformFileSync } = require('@swc/core');
  const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
  delete swcrc.$schema;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
        const { code } = transformFileSync(path.join(root, rel), { ...swcrc, sourceMaps: false, swcrc: false, configFile: false });
        const target = path.join(buildDir, rel.replace(/\.ts$/, '.js'));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, code);
      }
    }
  };
  for (const dir of ['libs/core', 'libs/database']) walk(dir);
}

function useBuild(buildDir) {
  const Module = require('node:module');
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const m = /^@foerderfluss\/([a-z-]+)$/.exec(request);
    return original.call(this, m ? path.join(buildDir, 'libs', m[1], 'src', 'index.js') : request, ...rest);
  };
  process.env.NODE_PATH = path.join(root, 'node_modules');
  Module._initPaths();
}

/** `size` bytes of a pseudo-random pattern, produced on demand in 64 KiB chunks. */
function generated(size) {
  const block = crypto.randomBytes(1024 * 1024 + 7);
  const hash = crypto.createHash('sha256');
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= size) return void this.push(null);
      const n = Math.min(64 * 1024, size - offset);
      const start = offset % (block.length - n);
      const chunk = Buffer.from(block.subarray(start, start + n)); // a copy, as a real producer makes
      hash.update(chunk);
      offset += n;
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

const used = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.arrayBuffers };
};

async function measure(label, storage, key, size) {
  global.gc?.();
  await new Promise((r) => setTimeout(r, 100));
  const before = used();
  let peak = { ...before };
  const timer = setInterval(() => {
    const u = used();
    peak = { rss: Math.max(peak.rss, u.rss), heap: Math.max(peak.heap, u.heap) };
  }, 25);
  const { stream, digest } = generated(size);
  const started = process.hrtime.bigint();
  const stored = await storage.put(key, stream);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  const expected = digest();
  const check = crypto.createHash('sha256');
  for await (const c of await storage.openRead(key)) check.update(c);
  if (stored.size !== size || check.digest('hex') !== expected) throw new Error(`${label}: stored file differs (size ${stored.size} of ${size})`);
  await storage.delete(key);
  const growth = (peak.heap - before.heap) / MiB;
  console.log(
    `${label.padEnd(8)} ${(size / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s (${(size / MiB / seconds).toFixed(0)} MiB/s); ` +
      `heap+buffers ${(before.heap / MiB).toFixed(0)} → peak ${(peak.heap / MiB).toFixed(0)} MiB (+${growth.toFixed(0)}), RSS peak ${(peak.rss / MiB).toFixed(0)} MiB`,
  );
  return growth;
}

async function server(buildDir) {
  useBuild(buildDir);
  const { TestS3Server } = require(path.join(buildDir, 'libs/database/test/s3-server.js'));
  const s3 = await TestS3Server.start();
  await s3.createBucket('bench');
  process.send({ endpoint: s3.endpoint });
  process.on('disconnect', () => void s3.close().then(() => process.exit(0)));
}

async function main() {
  const size = Number(process.env.BENCH_MB ?? 200) * MiB;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-bench-storage-'));
  const buildDir = path.join(work, 'build');
  let child;
  try {
    compile(buildDir);
    useBuild(buildDir);
    const { loadConfig } = require(path.join(buildDir, 'libs/core/src/index.js'));
    const { LocalFileStorage, createFileStorage } = require(path.join(buildDir, 'libs/database/src/index.js'));
    child = fork(__filename, ['server', buildDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { endpoint } = await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`s3rver exited (${code})`)));
    });
    const config = loadConfig({
      ...process.env,
      FILE_STORAGE: 's3',
      S3_BUCKET: 'bench',
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    const s3Budget = (2 * config.s3.partSizeBytes * (config.s3.queueSize + 1)) / MiB + 32;
    console.log(`bench:storage: ${size / MiB} MiB per put; S3 part size ${config.s3.partSizeBytes / MiB} MiB, queue size ${config.s3.queueSize}`);
    const localGrowth = await measure('local', new LocalFileStorage(path.join(work, 'files')), 'bench/local.bin', size);
    const s3Storage = createFileStorage(config);
    const s3Growth = await measure('s3', s3Storage, 'bench/s3.bin', size);
    s3Storage.onModuleDestroy();
    const ok = localGrowth < 64 && s3Growth < s3Budget;
    console.log(`goal: local +${localGrowth.toFixed(0)} < 64 MiB, s3 +${s3Growth.toFixed(0)} < ${s3Budget} MiB: ${ok ? 'met' : 'MISSED'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    child?.disconnect();
    await new Promise((r) => (child && child.exitCode === null ? child.once('exit', r) : r()));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'server') void server(process.argv[3]);
else
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
