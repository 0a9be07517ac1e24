/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import { Queue } from 'bullmq';
import { canonicalJson, eventHash, GENESIS_HASH } from '@foerderfluss/audit';
import { JOBS } from '@foerderfluss/jobs';
import { bearer, createTestContext, DEMO, superuserClient, type TestContext } from './support/harness';
import { TEST_REDIS_URL } from './support/env';
import { waitFor } from './support/wait';

interface StoredEvent {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

/**
 * What a superuser can do to the log: change an event with the triggers switched off, then recompute
 * every hash after it and the head, so the chain is consistent in itself again.
 */
async function rewriteAndRecompute(url: string, victimId: string): Promise<void> {
  const su = await superuserClient(url);
  try {
    await su.query('BEGIN');
    await su.query('SET LOCAL session_replication_role = replica');
    await su.query(`UPDATE audit_event SET after = '{"city":"gefälscht"}' WHERE id = $1`, [victimId]);
    const [prev] = (await su.query(`SELECT hash FROM audit_event WHERE id < $1 ORDER BY id DESC LIMIT 1`, [victimId])).rows as { hash: string }[];
    let prevHash = prev?.hash ?? GENESIS_HASH;
    const rows = (await su.query(
      `SELECT id::text, occurred_at, actor_id, actor_email, action, entity, entity_id, before, after, request_id FROM audit_event WHERE id >= $1 ORDER BY id`,
      [victimId],
    )).rows as StoredEvent[];
    for (const r of rows) {
      const hash = eventHash({
        prevHash,
        occurredAt: r.occurred_at,
        actorId: r.actor_id,
        actorEmail: r.actor_email,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        requestId: r.request_id,
      });
      await su.query('UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE id = $1', [r.id, prevHash, hash]);
      prevHash = hash;
    }
    await su.query('UPDATE audit_chain_head SET last_hash = $1 WHERE id = 1', [prevHash]);
    await su.query('COMMIT');
  } finally {
    await su.end();
  }
}

/** Issue 18 item 6: the chain head signed outside the database catches a rewritten and recomputed chain. */
describe('audit checkpoints: the chain anchored with a key the database does not hold', () => {
  let t: TestContext;
  let storageDir: string;
  let admin: string;
  let auditor: string;
  let checkpoint: any;

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'ff-checkpoint-'));
    t = await createTestContext({ env: { FILE_STORAGE_DIR: storageDir } });
    admin = await t.login(DEMO.admin);
    auditor = await t.login(DEMO.auditor);
  });

  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('before the first checkpoint the check reports none (checkpointValid null) besides the intact chain', async () => {
    const res = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(res.body).toMatchObject({ valid: true, firstBrokenId: null, lastCheckpoint: null, checkpointValid: null });
    expect(res.body.checked).toBeGreaterThan(100);
  });

  it('only an administrator signs on demand; the Prüfung may read, not sign', async () => {
    await t.http().post('/api/v1/audit-events/checkpoints').set(bearer(auditor)).expect(403);
    const before = await t.db.query(`SELECT last_event_id::text AS id, last_hash FROM audit_chain_head WHERE id = 1`);
    const count = await t.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    const res = await t.http().post('/api/v1/audit-events/checkpoints').set(bearer(admin)).expect(201);
    checkpoint = res.body;
    expect(checkpoint).toMatchObject({
      trigger: 'MANUAL',
      lastEventId: before.rows[0].id,
      headHash: before.rows[0].last_hash,
      events: count.rows[0].n,
      algorithm: 'Ed25519',
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
      fileKey: expect.stringMatching(/^audit-checkpoints\/.+\.json$/),
    });
    // The signing is itself a recorded state change.
    const event = await t.db.query(`SELECT actor_email, after FROM audit_event WHERE action = 'audit.checkpoint.create' AND entity_id = $1`, [checkpoint.id]);
    expect(event.rows).toEqual([{ actor_email: DEMO.admin, after: expect.objectContaining({ headHash: checkpoint.headHash, fileKey: checkpoint.fileKey }) }]);
    const list = await t.http().get('/api/v1/audit-events/checkpoints').set(bearer(auditor)).expect(200);
    expect(list.body.items.map((c: any) => c.id)).toEqual([checkpoint.id]);
  });

  it('writes the signed statement into the file storage, checkable without the database (public key in the file)', () => {
    for (const key of [checkpoint.fileKey as string, 'audit-checkpoints/latest.json']) {
      const file = JSON.parse(readFileSync(path.join(storageDir, ...key.split('/')), 'utf8'));
      expect(file.statement).toEqual({
        format: 'foerderfluss-audit-checkpoint/1',
        createdAt: checkpoint.createdAt,
        lastEventId: checkpoint.lastEventId,
        headHash: checkpoint.headHash,
        events: checkpoint.events,
        keyId: checkpoint.keyId,
      });
      expect(file.signature).toBe(checkpoint.signature);
      const ok = verifySignature(null, Buffer.from(canonicalJson(file.statement)), createPublicKey(file.publicKey), Buffer.from(file.signature, 'base64'));
      expect(ok).toBe(true);
    }
    // The database row holds no private key, only what anyone may see.
    expect(JSON.stringify(checkpoint)).not.toMatch(/PRIVATE KEY/);
  });

  it('the check confirms the checkpoint while the chain is untouched', async () => {
    const res = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(res.body).toMatchObject({
      valid: true,
      firstBrokenId: null,
      checkpointValid: true,
      lastCheckpoint: { id: checkpoint.id, source: 'database', lastEventId: checkpoint.lastEventId, headHash: checkpoint.headHash, events: checkpoint.events },
    });
  });

  it('the worker signs nightly (repeatable job) as the system, once per job even when the job runs again', async () => {
    const worker = await t.startWorker();
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(JOBS['audit.checkpoint'].queue, { connection, prefix: t.config.queuePrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern }))).toContainEqual({ key: 'audit.checkpoint.schedule', pattern: t.config.auditCheckpointCron });
      const jobId = 'audit.checkpoint.nightly-test';
      await queue.add('audit.checkpoint', {}, { jobId });
      const row = await waitFor(async () => (await t.db.query(`SELECT id::text, trigger, requested_by FROM audit_checkpoint WHERE job_id = $1`, [jobId])).rows[0], 'the scheduled checkpoint');
      expect(row).toMatchObject({ trigger: 'SCHEDULED', requested_by: null });
      // The same job again (a retry after the commit): no second checkpoint.
      await waitFor(async () => (await queue.getJobState(jobId)) === 'completed', 'the checkpoint job to complete');
      await queue.remove(jobId);
      await queue.add('audit.checkpoint', {}, { jobId });
      await waitFor(async () => (await queue.getJobState(jobId)) === 'completed', 'the checkpoint job to complete');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_checkpoint WHERE job_id = $1`, [jobId])).rows[0].n).toBe(1);
      const event = await t.db.query(`SELECT actor_email FROM audit_event WHERE action = 'audit.checkpoint.create' AND entity_id = $1`, [row.id]);
      expect(event.rows).toEqual([{ actor_email: 'system' }]);
    } finally {
      await queue.close();
      connection.disconnect();
      await t.stopWorker(worker);
    }
    const res = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(res.body).toMatchObject({ valid: true, checkpointValid: true });
    const health = await t.http().get('/api/v1/health').expect(200);
    expect(health.body.details.auditVerification.lastCheckpointAt).toEqual(expect.any(String));
    expect(health.body.details.auditVerification.checkpointAgeSeconds).toBeLessThan(60);
  });

  it('a chain rewritten by a superuser and recomputed up to the head is consistent in itself, but fails the checkpoint check', async () => {
    const { rows } = await t.db.query('SELECT id::text FROM audit_event ORDER BY id LIMIT 1 OFFSET 4');
    const victim = rows[0].id as string;
    await rewriteAndRecompute(t.config.databaseMigrationUrl, victim);
    const res = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    // The hash chain alone no longer sees it …
    expect(res.body).toMatchObject({ valid: true, firstBrokenId: null });
    // … the signed checkpoint does.
    expect(res.body.checkpointValid).toBe(false);
  });

  it('no new checkpoint vouches for the rewritten chain (409, German), and nothing is signed', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM audit_checkpoint')).rows[0].n;
    const res = await t.http().post('/api/v1/audit-events/checkpoints').set(bearer(admin)).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'AUDIT_CHECKPOINT_MISMATCH', detail: expect.stringContaining('nachträglich verändert') });
    expect((await t.db.query('SELECT count(*)::int AS n FROM audit_checkpoint')).rows[0].n).toBe(before);
  });

  it('rewriting the checkpoint rows too does not help: their signatures no longer match, and the file outside the database remains', async () => {
    const su = await superuserClient(t.config.databaseMigrationUrl);
    try {
      await su.query('BEGIN');
      await su.query('SET LOCAL session_replication_role = replica');
      // Point every checkpoint at the recomputed hashes …
      await su.query(`UPDATE audit_checkpoint c SET head_hash = e.hash FROM audit_event e WHERE e.id = c.last_event_id`);
      await su.query('COMMIT');
    } finally {
      await su.end();
    }
    let res = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(res.body.checkpointValid).toBe(false);
    // … or remove them: the file in the storage still names the signed head.
    const su2 = await superuserClient(t.config.databaseMigrationUrl);
    try {
      await su2.query('BEGIN');
      await su2.query('SET LOCAL session_replication_role = replica');
      await su2.query('DELETE FROM audit_checkpoint');
      await su2.query('COMMIT');
    } finally {
      await su2.end();
    }
    res = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(res.body).toMatchObject({ valid: true, checkpointValid: false, lastCheckpoint: { id: null, source: 'file', fileKey: 'audit-checkpoints/latest.json' } });
  });
});
