import { Client } from 'pg';
import { systemScope } from '@foerderfluss/core';
import { AuditService } from '@foerderfluss/audit';
import { TransactionRunner } from '@foerderfluss/database';
import { Organisation, OrganisationKind, OrganisationsService } from '@foerderfluss/organisations';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

describe('audit log', () => {
  let t: TestContext;
  let auditor: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestContext();
    [auditor, staff] = await Promise.all([t.login(DEMO.auditor), t.login(DEMO.staff)]);
  });
  afterAll(() => t.close());

  it('a failing change leaves neither the row nor its audit event', async () => {
    const tx = t.app.get(TransactionRunner);
    const audit = t.app.get(AuditService);
    const before = await t.db.query('SELECT count(*)::int AS n FROM audit_event');
    await expect(
      tx.run(async (em) => {
        const org = await em.save(Organisation, em.create(Organisation, { kind: OrganisationKind.PROVIDER, name: 'Geister-Träger', code: 'GHOST' }));
        await audit.record(em, systemScope(), { action: 'organisation.create', entity: 'Organisation', entityId: org.id, after: { name: org.name } });
        throw new Error('the rule check after the write fails');
      }),
    ).rejects.toThrow('the rule check after the write fails');
    const after = await t.db.query('SELECT count(*)::int AS n FROM audit_event');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect((await t.db.query(`SELECT 1 FROM organisation WHERE code = 'GHOST'`)).rowCount).toBe(0);
  });

  it('a change over HTTP writes exactly one event with actor, request id, before and after', async () => {
    const orgs = await t.http().get('/api/v1/organisations?kind=PROVIDER&limit=1').set(bearer(staff)).expect(200);
    const org = orgs.body.items[0];
    const res = await t
      .http()
      .patch(`/api/v1/organisations/${org.id}`)
      .set(bearer(staff))
      .set('X-Request-Id', 'req-audit-test-0001')
      .send({ city: 'Altenburg-Nord' })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('req-audit-test-0001');
    const events = await t.http().get(`/api/v1/audit-events?entity=Organisation&entityId=${org.id}`).set(bearer(auditor)).expect(200);
    const update = events.body.items.filter((e: { action: string }) => e.action === 'organisation.update');
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({
      actorEmail: DEMO.staff,
      // the person by name, not by e-mail address
      actorName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)',
      requestId: 'req-audit-test-0001',
      before: expect.objectContaining({ city: org.city }),
      after: expect.objectContaining({ city: 'Altenburg-Nord' }),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('lists are for ADMIN and AUDITOR only, filter by actor and period, and page by cursor', async () => {
    await t.http().get('/api/v1/audit-events').set(bearer(staff)).expect(403);
    const me = await t.http().get('/api/v1/auth/me').set(bearer(staff)).expect(200);
    const mine = await t.http().get(`/api/v1/audit-events?actor=${me.body.id}`).set(bearer(auditor)).expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { actorId: string }) => e.actorId === me.body.id)).toBe(true);
    const future = await t.http().get('/api/v1/audit-events?from=2999-01-01').set(bearer(auditor)).expect(200);
    expect(future.body.items).toEqual([]);
    const p1 = await t.http().get('/api/v1/audit-events?limit=3').set(bearer(auditor)).expect(200);
    const p2 = await t.http().get(`/api/v1/audit-events?limit=3&cursor=${p1.body.nextCursor}`).set(bearer(auditor)).expect(200);
    const ids = [...p1.body.items, ...p2.body.items].map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);
    await t.http().get('/api/v1/audit-events?cursor=kaputt').set(bearer(auditor)).expect(400);
  });

  it('50 concurrent changes keep one unbroken chain', async () => {
    const orgs = t.app.get(OrganisationsService);
    const { rows } = await t.db.query(`SELECT id FROM organisation WHERE kind = 'PROVIDER'`);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        orgs.updateContact(systemScope(), rows[i % rows.length].id, { contactPhone: `03447 ${1000 + i}` }),
      ),
    );
    const { rows: count } = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'organisation.contact.update'`);
    expect(count[0].n).toBe(50);
    const verify = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    const total = await t.db.query('SELECT count(*)::int AS n FROM audit_event');
    expect(verify.body).toEqual({ valid: true, checked: total.rows[0].n, firstBrokenId: null, lastCheckpoint: null, checkpointValid: null });
    // no two events share a predecessor: the chain did not fork
    const forks = await t.db.query('SELECT prev_hash FROM audit_event GROUP BY prev_hash HAVING count(*) > 1');
    expect(forks.rowCount).toBe(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await expect(t.db.query(`UPDATE audit_event SET action = 'x' WHERE id = (SELECT min(id) FROM audit_event)`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
  });

  it('verify finds the first tampered event (changed with a superuser connection that skips triggers)', async () => {
    const { rows } = await t.db.query('SELECT id::text FROM audit_event ORDER BY id LIMIT 1 OFFSET 4');
    const victim = rows[0].id as string;
    const su = new Client({ connectionString: t.config.databaseMigrationUrl });
    await su.connect();
    try {
      await su.query(`SET session_replication_role = replica`);
      await su.query(`UPDATE audit_event SET after = '{"city":"gefälscht"}' WHERE id = $1`, [victim]);
    } finally {
      await su.end();
    }
    const verify = await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(verify.body).toMatchObject({ valid: false, firstBrokenId: victim });
    // ids may have gaps (rolled-back transactions use up identity values): count positions
    const position = await t.db.query('SELECT count(*)::int AS n FROM audit_event WHERE id <= $1', [victim]);
    expect(verify.body.checked).toBe(position.rows[0].n);
  });
});
