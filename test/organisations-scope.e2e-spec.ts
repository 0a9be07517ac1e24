import { Role, Scope } from '@foerderfluss/core';
import { ScopedRepository, TransactionRunner } from '@foerderfluss/database';
import { UserRepository } from '@foerderfluss/identity';
import { MailOutboxRepository, NotificationRepository } from '@foerderfluss/notifications';
import { BudgetYearRepository, LedgerRepository } from '@foerderfluss/funding';
import { AuditEventRepository } from '@foerderfluss/audit';
import { OrganisationKind, OrganisationRepository } from '@foerderfluss/organisations';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

type Row = { id: string };

/**
 * Scope lives in the repository (issue 15): for Organisation (with its bank account), users,
 * notifications and the mail outbox, a Träger's scope never returns another Träger's row, by
 * `get`, `list`, `count` or any declared filter, while staff see it (so the check is not vacuous).
 */
describe('organisations, users and notifications: a Träger never sees another’s rows', () => {
  let t: TestContext;
  let provider: Scope;
  let provider2: Scope;
  let staff: Scope;
  let ownOrgId: string;
  let otherOrgId: string;

  async function scopeOf(email: string): Promise<Scope> {
    const r = await t.db.query(`SELECT id, email, roles, organisation_id FROM app_user WHERE email = $1`, [email]);
    const u = r.rows[0] as { id: string; email: string; roles: Role[]; organisation_id: string | null };
    return { userId: u.id, email: u.email, roles: u.roles, organisationId: u.organisation_id, requestId: null };
  }

  /** The filter names a repository declares, so a filter added later without a case here fails. */
  function declaredFilters(repo: ScopedRepository<Row, object>): string[] {
    return Object.keys((repo as unknown as { definition: { filters: object } }).definition.filters).sort();
  }

  /**
   * For the empty filter and each filter (set to a value the other Träger's row matches): the list
   * holds only the caller's rows, `count` agrees, and the other row is neither found nor got; staff
   * with the same filter do see it.
   */
  async function neverOthers<E extends Row, F extends object>(
    repo: ScopedRepository<E, F>,
    scope: Scope,
    mine: (row: E) => boolean,
    otherId: string,
    filters: { [K in keyof F]-?: F[K] },
  ): Promise<void> {
    expect(declaredFilters(repo as unknown as ScopedRepository<Row, object>)).toEqual(Object.keys(filters).sort());
    const cases: Partial<F>[] = [{}, ...Object.entries(filters).map(([k, v]) => ({ [k]: v }) as Partial<F>)];
    for (const filter of cases) {
      const page = await repo.list(scope, { ...filter, limit: 200 });
      expect({ filter, foreign: page.items.filter((r) => !mine(r)).map((r) => r.id) }).toEqual({ filter, foreign: [] });
      expect(await repo.count(scope, filter)).toBe(page.items.length);
      const seenByStaff = await repo.list(staff, { ...filter, limit: 200 });
      expect({ filter, staffSeesIt: seenByStaff.items.some((r) => r.id === otherId) }).toEqual({ filter, staffSeesIt: true });
    }
    expect(await repo.find(scope, otherId)).toBeNull();
    await expect(repo.get(scope, otherId)).rejects.toMatchObject({ status: 404 });
    await expect(t.app.get(TransactionRunner).run((em) => repo.get(scope, otherId, { em, lock: true }))).rejects.toMatchObject({ status: 404 });
  }

  beforeAll(async () => {
    t = await createTestContext();
    [provider, provider2, staff] = await Promise.all([scopeOf(DEMO.provider), scopeOf(DEMO.provider2), scopeOf(DEMO.staff)]);
    ownOrgId = provider.organisationId!;
    otherOrgId = provider2.organisationId!;
    // One notification (with its mail) for each Träger user, both unread.
    for (const s of [provider, provider2]) {
      const n = await t.db.query(
        `INSERT INTO notification (user_id, kind, stage, entity, entity_id, reference, dedup_key, subject, body)
         VALUES ($1, 'APPLICATION_RECEIVED', 'RECEIVED', 'Application', gen_random_uuid(), 'A-1', $2, 'Betreff', 'Text') RETURNING id`,
        [s.userId, `scope-test-${s.userId}`],
      );
      await t.db.query(
        `INSERT INTO mail_outbox (notification_id, recipient, subject, body, message_id, status) VALUES ($1, $2, 'Betreff', 'Text', $3, 'PENDING')`,
        [n.rows[0].id, s.email, `<${n.rows[0].id}@test>`],
      );
    }
  });
  afterAll(() => t.close());

  it('organisations (and so their bank accounts): a Träger sees only itself', async () => {
    const repo = t.app.get(OrganisationRepository);
    const other = (await t.db.query(`SELECT name FROM organisation WHERE id = $1`, [otherOrgId])).rows[0] as { name: string };
    await neverOthers(repo, provider, (o) => o.id === ownOrgId, otherOrgId, {
      kind: OrganisationKind.PROVIDER,
      active: true,
      q: other.name.slice(0, 6),
      providerId: otherOrgId,
    });
    const own = await repo.list(provider, { limit: 200 });
    expect(own.items.map((o) => o.id)).toEqual([ownOrgId]);
  });

  it('bank account routes: another Träger’s account is 404, read or written, and stays as it was', async () => {
    const [p1, staffToken] = await Promise.all([t.login(DEMO.provider), t.login(DEMO.staff)]);
    const before = (await t.http().get(`/api/v1/organisations/${otherOrgId}`).set(bearer(staffToken)).expect(200)).body;
    await t.http().get(`/api/v1/organisations/${otherOrgId}`).set(bearer(p1)).expect(404);
    const put = await t.http().put(`/api/v1/organisations/${otherOrgId}/bank-account`).set(bearer(p1)).send({ iban: 'DE02120300000000202051', accountHolder: 'X' });
    expect(put.status).toBe(404);
    expect(put.body.code).toBe('ORGANISATION_NOT_FOUND');
    const after = (await t.http().get(`/api/v1/organisations/${otherOrgId}`).set(bearer(staffToken)).expect(200)).body;
    expect({ iban: after.iban, status: after.bankAccountStatus }).toEqual({ iban: before.iban, status: before.bankAccountStatus });
    // the own account is visible and changeable
    await t.http().put(`/api/v1/organisations/${ownOrgId}/bank-account`).set(bearer(p1)).send({ iban: 'DE02120300000000202051', accountHolder: 'Eigener Träger' }).expect(200);
  });

  it('users: a Träger scope sees only its own organisation’s accounts', async () => {
    const repo = t.app.get(UserRepository);
    await neverOthers(repo, provider, (u) => u.organisationId === ownOrgId, provider2.userId!, {
      role: Role.PROVIDER,
      active: true,
      organisationId: otherOrgId,
      q: DEMO.provider2.slice(0, 8),
    });
    expect((await repo.list(provider, { limit: 200 })).items.map((u) => u.id)).toContain(provider.userId);
  });

  it('notifications: every user, of any role, sees only their own', async () => {
    const repo = t.app.get(NotificationRepository);
    const otherNotification = (await t.db.query(`SELECT id FROM notification WHERE dedup_key = $1`, [`scope-test-${provider2.userId}`])).rows[0].id as string;
    for (const scope of [provider, staff]) {
      for (const filter of [{}, { unreadOnly: true }]) {
        const page = await repo.list(scope, { ...filter, limit: 200 });
        expect(page.items.every((n) => n.userId === scope.userId)).toBe(true);
        expect(await repo.count(scope, filter)).toBe(page.items.length);
      }
      expect(await repo.find(scope, otherNotification)).toBeNull();
      await expect(repo.get(scope, otherNotification)).rejects.toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
    }
    // the addressee does see it (the check above is not vacuous)
    expect((await repo.list(provider2, { unreadOnly: true, limit: 200 })).items.map((n) => n.id)).toContain(otherNotification);
    expect(declaredFilters(repo as unknown as ScopedRepository<Row, object>)).toEqual(['unreadOnly']);
    // and over HTTP: marking another's notification read is 404 and leaves it unread
    const p1 = await t.login(DEMO.provider);
    await t.http().post(`/api/v1/notifications/${otherNotification}/read`).set(bearer(p1)).expect(404);
    expect((await t.db.query(`SELECT read_at FROM notification WHERE id = $1`, [otherNotification])).rows[0].read_at).toBeNull();
  });

  it('mail outbox: staff only, a Träger sees none', async () => {
    const repo = t.app.get(MailOutboxRepository);
    const anyMail = (await t.db.query(`SELECT id FROM mail_outbox LIMIT 1`)).rows[0].id as string;
    for (const filter of [{}, { status: 'PENDING' as const }]) {
      expect((await repo.list(provider, { ...filter, limit: 200 })).items).toEqual([]);
      expect(await repo.count(provider, filter)).toBe(0);
      expect((await repo.list(staff, { ...filter, limit: 200 })).items.length).toBeGreaterThan(0);
    }
    expect(await repo.find(provider, anyMail)).toBeNull();
    expect(declaredFilters(repo as unknown as ScopedRepository<Row, object>)).toEqual(['status']);
  });

  it('staff-only records (budget years, ledger, audit log): a Träger sees none, by any filter', async () => {
    const years = t.app.get(BudgetYearRepository);
    const ledger = t.app.get(LedgerRepository);
    const events = t.app.get(AuditEventRepository);
    const year = (await years.list(staff, { limit: 1 })).items[0]!;
    const entry = (await ledger.list(staff, { budgetYearId: year.id, limit: 1 })).items[0]!;
    const event = (await events.list(staff, { limit: 1 })).items[0]!;
    const cases: [ScopedRepository<Row, object>, string, object[]][] = [
      [years as unknown as ScopedRepository<Row, object>, year.id, [{}, { programmeId: year.programmeId }]],
      [ledger as unknown as ScopedRepository<Row, object>, entry.id, [{}, { budgetYearId: year.id }, { kind: entry.kind }, { providerId: otherOrgId }, { from: '2000-01-01' }, { to: '2999-12-31' }]],
      [events as unknown as ScopedRepository<Row, object>, event.id, [{}, { entity: event.entity }, { entityId: event.entityId }, { action: event.action }, { from: new Date(0) }, { to: new Date('2999-01-01') }]],
    ];
    for (const [repo, id, filters] of cases) {
      for (const filter of filters) {
        expect((await repo.list(provider, { ...filter, limit: 200 })).items).toEqual([]);
        expect(await repo.count(provider, filter)).toBe(0);
      }
      expect(await repo.find(provider, id)).toBeNull();
      expect(await repo.find(staff, id)).not.toBeNull();
    }
  });
});
