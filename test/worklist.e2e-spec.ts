/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { WORKLIST_KINDS } from '../apps/api/src/decisions/decisions.dto';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

const NOW = '2026-12-07T10:00:00Z';
const TODAY = '2026-12-07';

/**
 * Every worklist entry names its Aktenzeichen, its Träger and a date (issue 16 item 7: a
 * Festsetzung task used to show none of them). The walk goes through the demo data and takes each
 * record into the states that make the remaining kinds appear, so every kind the API declares is
 * seen at least once, for every Kreis role that works on cases, in every section.
 */
describe('worklist: every entry kind names Aktenzeichen, Träger and date', () => {
  let t: TestContext;
  const tokens: Record<'admin' | 'staff' | 'approver', string> = {} as never;
  const seen = new Map<string, any>();

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Reads every section for every Kreis role and checks each entry; remembers one entry per kind. */
  async function collect(): Promise<void> {
    for (const [role, token] of Object.entries(tokens)) {
      for (const section of ['TASKS', 'MY_CASES', 'FOLLOW_UPS']) {
        const items = await ok(t.http().get(`/api/v1/worklist?section=${section}`).set(bearer(token)));
        for (const w of items) {
          const where = `${role}/${section}/${w.kind} ${w.entity} ${w.id}`;
          expect([where, typeof w.reference, w.reference.trim().length > 0]).toEqual([where, 'string', true]);
          expect([where, typeof w.providerName, w.providerName.trim().length > 0]).toEqual([where, 'string', true]);
          expect([where, w.dueDate]).toEqual([where, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
          expect([where, w.title.trim().length > 0, w.action.trim().length > 0, w.section]).toEqual([where, true, true, section]);
          if (!seen.has(w.kind)) seen.set(w.kind, w);
        }
      }
    }
  }

  beforeAll(async () => {
    t = await createTestContext({ now: NOW });
    [tokens.admin, tokens.staff, tokens.approver] = await Promise.all([t.login(DEMO.admin), t.login(DEMO.staff), t.login(DEMO.approver)]);
  });
  afterAll(() => t.close());

  it('walks the demo data and every kind of entry', async () => {
    const userId = async (email: string) => (await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [email])).rows[0].id as string;
    const providerLogin = async (orgColumn: string, table: string, id: string) => {
      const email = (await t.db.query(`SELECT u.email FROM ${table} x JOIN app_user u ON u.organisation_id = x.${orgColumn} AND 'PROVIDER' = ANY(u.roles) WHERE x.id = $1 ORDER BY u.email LIMIT 1`, [id])).rows[0]
        .email as string;
      return t.login(email);
    };
    // The demo as it is: Anträge to review, a proposal to approve, Mittelabrufe to check and to approve.
    await collect();

    // An Antrag the Träger improved after a request for changes comes back as "erneut eingereicht".
    const returned = (await t.db.query(`SELECT id FROM application WHERE status = 'CHANGES_REQUESTED' ORDER BY reference LIMIT 1`)).rows[0].id as string;
    await ok(t.http().post(`/api/v1/applications/${returned}/submit`).set(bearer(await providerLogin('provider_id', 'application', returned))));

    // Cases of the office: the Träger's Bescheid in force, assigned with a Wiedervorlage due today.
    const decision = (await t.db.query(`SELECT id FROM decision WHERE reference = 'FF-2026-0008'`)).rows[0].id as string;
    await ok(t.http().put(`/api/v1/cases/DECISION/${decision}/assignment`).set(bearer(tokens.staff)).send({ assigneeId: await userId(DEMO.staff), standInId: await userId(DEMO.approver) }));
    await ok(t.http().post(`/api/v1/cases/DECISION/${decision}/follow-ups`).set(bearer(tokens.staff)).send({ dueDate: TODAY, note: 'Verwendungsnachweis angekündigt?' }), 201);
    await collect();

    // Its final Verwendungsnachweis through the Prüfung: the Träger starts it; its states are then
    // set directly (submission and review have their own tests), each showing its task.
    const proof = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(await t.login(DEMO.provider))).send({ decisionId: decision, kind: 'FINAL' }), 201);
    for (const status of ['SUBMITTED', 'IN_REVIEW', 'REVIEWED']) {
      await t.db.query(`UPDATE proof_of_use SET status = $2, submitted_at = COALESCE(submitted_at, now()) WHERE id = $1`, [proof.id, status]);
      await collect();
    }
    // A Festsetzung proposed by staff waits for the approver (and the admin).
    await t.db.query(
      `INSERT INTO settlement (decision_id, proof_id, status, final_grant, recognised_costs, paid_amount, recovery_amount, release_amount, calculation, proposed_by, proposed_at)
       VALUES ($1, $2, 'PROPOSED', 14000, 14000, 14580, 580, 0, '{}'::jsonb, $3, now())`,
      [decision, proof.id, await userId(DEMO.staff)],
    );
    await collect();

    // A Rückforderung still open whose 2nd Mahnung's Zahlungsfrist has passed waits for "Vollstreckung
    // prüfen" (the Mahnungen themselves have their own test, dunning.e2e-spec.ts).
    const recovery = (await t.db.query(`SELECT id, provider_id FROM recovery WHERE status <> 'SETTLED' ORDER BY created_at LIMIT 1`)).rows[0] as { id: string; provider_id: string } | undefined;
    expect(recovery).toBeDefined();
    await t.db.query(
      `INSERT INTO recovery_dunning (recovery_id, provider_id, level, issued_on, payment_deadline, outstanding_principal, interest, interest_outstanding, interest_until, total_due)
       VALUES ($1, $2, 2, '2026-11-02', '2026-11-09', 100, 0, 0, '2026-11-02', 100)`,
      [recovery!.id, recovery!.provider_id],
    );
    await collect();

    expect([...seen.keys()].sort()).toEqual([...WORKLIST_KINDS].sort());
    // The demo's Festsetzung was proposed when the test template was seeded (the real clock, not the
    // test's): its date is that day in Berlin, which after 23:00 UTC is already the next day.
    const proposedOn = (
      await t.db.query(`SELECT to_char(s.proposed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS d FROM settlement s JOIN decision d ON d.id = s.decision_id WHERE d.reference = 'FF-2026-0008' AND s.status = 'PROPOSED'`)
    ).rows[0].d as string;
    expect(seen.get('APPROVE_SETTLEMENT')).toMatchObject({ entity: 'Settlement', reference: 'FF-2026-0008', providerName: 'Evangelisches Sozialwerk Pleißenland e.V. (Demo)', dueDate: proposedOn });
    expect(seen.get('APPROVE_SETTLEMENT').action).toBe('Festsetzung über 14.000,00 € freigeben (Vier-Augen-Prinzip)');
    // Its Eingang is the database's time of submission (not the test clock's), as a day in Berlin.
    const arrived = (
      await t.db.query(`SELECT to_char(COALESCE(submitted_at, created_at) AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS d FROM proof_of_use WHERE id = $1`, [proof.id])
    ).rows[0].d as string;
    expect(seen.get('START_PROOF_REVIEW')).toMatchObject({ entity: 'ProofOfUse', reference: proof.reference, providerName: 'Evangelisches Sozialwerk Pleißenland e.V. (Demo)', dueDate: arrived });
  });

  it('the proposer of a Festsetzung does not see it to approve; a Träger sees nothing', async () => {
    const staffTasks = await ok(t.http().get('/api/v1/worklist').set(bearer(tokens.staff)));
    expect(staffTasks.some((w: any) => w.kind === 'APPROVE_SETTLEMENT')).toBe(false);
    const provider = await t.login(DEMO.provider);
    for (const section of ['TASKS', 'MY_CASES', 'FOLLOW_UPS']) expect(await ok(t.http().get(`/api/v1/worklist?section=${section}`).set(bearer(provider)))).toEqual([]);
    const wrong = await t.http().get('/api/v1/worklist?section=ALLES').set(bearer(tokens.staff)).expect(400);
    expect(wrong.body.errors[0].path).toBe('section');
  });
});
