import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

interface Org {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  iban: string | null;
  bankAccountStatus: string;
}

describe('organisations and data scoping', () => {
  let t: TestContext;
  let staff: string;
  let staff2: string;
  let provider: string;
  let provider2: string;
  let auditor: string;
  let ownId: string;
  let otherId: string;

  beforeAll(async () => {
    t = await createTestContext();
    [staff, provider, provider2, auditor] = await Promise.all([
      t.login(DEMO.staff),
      t.login(DEMO.provider),
      t.login(DEMO.provider2),
      t.login(DEMO.auditor),
    ]);
    const admin = await t.login(DEMO.admin);
    await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'zweite.sachbearbeitung@altenburgerland.de', displayName: 'Zweite Sachbearbeitung', password: 'Ein-sicheres-Passwort-1', roles: ['STAFF'] })
      .expect(201);
    staff2 = await t.login('zweite.sachbearbeitung@altenburgerland.de', 'Ein-sicheres-Passwort-1');
    ownId = (await t.http().get('/api/v1/auth/me').set(bearer(provider)).expect(200)).body.organisationId;
    otherId = (await t.http().get('/api/v1/auth/me').set(bearer(provider2)).expect(200)).body.organisationId;
  });
  afterAll(() => t.close());

  it('staff and auditors see their Kreis and the Träger registered there, paged by cursor', async () => {
    // The Kreis itself and the Träger registered in it; the Land (STATE), the other demo Kreise and
    // their Träger are no organisations of the Altenburger Land (issue 20).
    const total =
      1 +
      ((await t.db.query(`SELECT count(*)::int AS n FROM district_provider dp JOIN organisation d ON d.id = dp.district_id WHERE d.code = 'DISTRICT_ALTENBURGER_LAND'`)).rows[0].n as number);
    expect(total).toBe(8);
    const all = await t.http().get('/api/v1/organisations?limit=200').set(bearer(auditor)).expect(200);
    expect(all.body.items.length).toBe(total);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Org[]; nextCursor: string | null } } = await t.http().get(`/api/v1/organisations?limit=3${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(staff)).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      ids.push(...page.body.items.map((o: Org) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(total);
    const providers = await t.http().get('/api/v1/organisations?kind=PROVIDER&limit=200').set(bearer(staff)).expect(200);
    expect(providers.body.items.every((o: Org) => o.kind === 'PROVIDER')).toBe(true);
  });

  it("a Träger sees only its own organisation: another's is 404 and absent from lists and searches", async () => {
    const list = await t.http().get('/api/v1/organisations?limit=200').set(bearer(provider)).expect(200);
    expect(list.body.items.map((o: Org) => o.id)).toEqual([ownId]);
    const other = await t.http().get(`/api/v1/organisations/${otherId}`).set(bearer(provider)).expect(404);
    expect(other.body).toMatchObject({ code: 'ORGANISATION_NOT_FOUND', status: 404 });
    // same answer as for an id that does not exist at all
    const missing = await t.http().get('/api/v1/organisations/00000000-0000-4000-8000-000000000000').set(bearer(provider)).expect(404);
    expect(missing.body.code).toBe(other.body.code);
    expect(missing.body.detail).toBe(other.body.detail);
    const search = await t.http().get('/api/v1/organisations?q=Katholisch').set(bearer(provider)).expect(200);
    expect(search.body.items).toEqual([]);
    // writing to another Träger is 404 too, and changes nothing
    await t.http().patch(`/api/v1/organisations/${otherId}/contact`).set(bearer(provider)).send({ contactName: 'Eindringling' }).expect(404);
    await t.http().put(`/api/v1/organisations/${otherId}/bank-account`).set(bearer(provider)).send({ iban: 'DE02120300000000202051', accountHolder: 'X' }).expect(404);
    const unchanged = await t.http().get(`/api/v1/organisations/${otherId}`).set(bearer(staff)).expect(200);
    expect(unchanged.body.contactName).not.toBe('Eindringling');
    expect(unchanged.body.iban).not.toBe('DE02120300000000202051');
  });

  it('a malformed id answers 404 like a missing one', async () => {
    await t.http().get('/api/v1/organisations/not-a-uuid').set(bearer(staff)).expect(404);
  });

  it('a Träger updates its own contact, but not its master data', async () => {
    const res = await t
      .http()
      .patch(`/api/v1/organisations/${ownId}/contact`)
      .set(bearer(provider))
      .send({ contactName: 'Friederike Lange-Neu', contactPhone: '03447 123456' })
      .expect(200);
    expect(res.body).toMatchObject({ contactName: 'Friederike Lange-Neu', contactPhone: '03447 123456' });
    await t.http().patch(`/api/v1/organisations/${ownId}`).set(bearer(provider)).send({ name: 'Umbenannt' }).expect(403);
    const { rows } = await t.db.query(`SELECT before, after FROM audit_event WHERE action = 'organisation.contact.update' AND entity_id = $1`, [ownId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].before.contactName).not.toBe('Friederike Lange-Neu');
    expect(rows[0].after.contactName).toBe('Friederike Lange-Neu');
  });

  it('refuses bodies that try to set id, organisationId or status', async () => {
    const res = await t
      .http()
      .patch(`/api/v1/organisations/${ownId}/contact`)
      .set(bearer(provider))
      .send({ contactName: 'X', id: otherId, organisationId: otherId, status: 'CONFIRMED', bankAccountStatus: 'CONFIRMED' })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['bankAccountStatus', 'id', 'organisationId', 'status']);
    const after = await t.http().get(`/api/v1/organisations/${ownId}`).set(bearer(provider)).expect(200);
    expect(after.body.contactName).not.toBe('X');
  });

  it('a bank change by the Träger waits for confirmation by a second person', async () => {
    const bad = await t
      .http()
      .put(`/api/v1/organisations/${ownId}/bank-account`)
      .set(bearer(provider))
      .send({ iban: 'DE02120300000000202052', accountHolder: 'Evangelisches Sozialwerk' })
      .expect(400);
    expect(bad.body.errors).toEqual([{ path: 'iban', message: expect.stringMatching(/IBAN ist ungültig/) }]);

    const changed = await t
      .http()
      .put(`/api/v1/organisations/${ownId}/bank-account`)
      .set(bearer(provider))
      .send({ iban: 'de02 1203 0000 0000 2020 51', bic: 'byladem1001', accountHolder: 'Evangelisches Sozialwerk' })
      .expect(200);
    expect(changed.body).toMatchObject({ iban: 'DE02120300000000202051', bic: 'BYLADEM1001', bankAccountStatus: 'PENDING_CONFIRMATION' });
    // a Träger cannot confirm its own change
    await t.http().post(`/api/v1/organisations/${ownId}/bank-account/confirm`).set(bearer(provider)).expect(403);
    const confirmed = await t.http().post(`/api/v1/organisations/${ownId}/bank-account/confirm`).set(bearer(staff)).expect(200);
    expect(confirmed.body.bankAccountStatus).toBe('CONFIRMED');
    await t.http().post(`/api/v1/organisations/${ownId}/bank-account/confirm`).set(bearer(staff)).expect(409);
    const actions = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [ownId]);
    expect(actions.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['organisation.bank-account.change', 'organisation.bank-account.confirm']),
    );
  });

  it('staff who changed an account cannot confirm it themselves (four eyes)', async () => {
    await t
      .http()
      .put(`/api/v1/organisations/${otherId}/bank-account`)
      .set(bearer(staff))
      .send({ iban: 'DE89370400440532013000', accountHolder: 'Katholischer Sozialdienst' })
      .expect(200);
    const same = await t.http().post(`/api/v1/organisations/${otherId}/bank-account/confirm`).set(bearer(staff)).expect(403);
    expect(same.body.code).toBe('ORGANISATION_BANK_SAME_USER');
    await t.http().post(`/api/v1/organisations/${otherId}/bank-account/confirm`).set(bearer(staff2)).expect(200);
  });

  it('staff create a Träger; validation names nested fields; duplicate codes conflict', async () => {
    const invalid = await t
      .http()
      .post('/api/v1/organisations')
      .set(bearer(staff))
      .send({ kind: 'PROVIDER', name: '', postalCode: '4600', nonProfitNoticeDate: '2025-02-30', bankAccount: { iban: 123, accountHolder: '' } })
      .expect(400);
    const paths = invalid.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'postalCode', 'nonProfitNoticeDate', 'bankAccount.iban', 'bankAccount.accountHolder']));
    for (const e of invalid.body.errors) expect(e.message).toMatch(/[a-zäöüß]/);

    const body = {
      kind: 'PROVIDER',
      code: 'PROVIDER_NEW',
      name: 'Neuer Träger gGmbH',
      legalForm: 'gGmbH',
      street: 'Markt 1',
      postalCode: '04626',
      city: 'Schmölln',
      nonProfit: true,
      nonProfitNoticeDate: '2025-03-14',
      bankAccount: { iban: 'DE89370400440532013000', accountHolder: 'Neuer Träger gGmbH' },
    };
    const created = await t.http().post('/api/v1/organisations').set(bearer(staff)).send(body).expect(201);
    expect(created.body).toMatchObject({ code: 'PROVIDER_NEW', nonProfitNoticeDate: '2025-03-14', bankAccountStatus: 'PENDING_CONFIRMATION' });
    const dup = await t.http().post('/api/v1/organisations').set(bearer(staff)).send(body).expect(409);
    expect(dup.body.code).toBe('ORGANISATION_CODE_TAKEN');
    await t.http().post('/api/v1/organisations').set(bearer(auditor)).send({ ...body, code: 'X_1' }).expect(403);
    await t.http().post('/api/v1/organisations').set(bearer(provider)).send({ ...body, code: 'X_2' }).expect(403);
    const updated = await t.http().patch(`/api/v1/organisations/${created.body.id}`).set(bearer(staff)).send({ vatDeductible: true }).expect(200);
    expect(updated.body).toMatchObject({ vatDeductible: true, version: created.body.version + 1 });
  });
});
