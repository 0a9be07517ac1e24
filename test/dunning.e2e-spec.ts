/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { extractPdfText } from '@foerderfluss/exports';
import { DunningService } from '@foerderfluss/proof-of-use';
import { bearer } from './support/harness';
import { insertRecovery, insertSettlement, SettlementWorld, settlementWorld } from './support/settlement-setup';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Mahnwesen (issue 16 item 4): an overdue Rückforderung gets its 1st Mahnung DUNNING_FIRST_DAYS
 * after the due date and the 2nd DUNNING_SECOND_DAYS after the 1st (programme parameters, default
 * 14 and 14, Zahlungsfrist DUNNING_PAYMENT_DAYS = 7), each once, with its letter and the Träger's
 * notification; after the 2nd Mahnung's deadline the case is in the worklist „Vollstreckung prüfen“.
 */
describe('Mahnwesen: 1st and 2nd Mahnung of overdue recoveries, enforcement worklist', () => {
  let w: SettlementWorld;
  /** Own recoveries (traeger@) and one of the other Träger (traeger2@). */
  let own1: string;
  let own2: string;
  let other: string;
  const clock = () => w.t.clock as FixedClock;
  const scan = () => w.t.app.get(DunningService).scan();
  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const recovery = (id: string, token = w.tk.staff) => ok(w.t.http().get(`/api/v1/recoveries/${id}`).set(bearer(token)));
  const rows = async () =>
    (await w.t.db.query(`SELECT recovery_id, level, to_char(issued_on, 'YYYY-MM-DD') AS issued_on FROM recovery_dunning ORDER BY recovery_id, level`)).rows as { recovery_id: string; level: number; issued_on: string }[];

  /** A Festsetzung approved on 2025-09-01 with a Rückforderung of 1.000,00 € due `due`, bearing interest from the payout on 2025-03-01. */
  async function overdueRecovery(c: { decisionId: string; proofId: string }, due: string): Promise<string> {
    const settlementId = await insertSettlement(w.t, c, 'APPROVED', w.users.staff, { recovery: '1000.00' });
    await w.t.db.query(`UPDATE settlement SET decision_date = '2025-09-01', approved_by = $2, recovery_due_date = $3 WHERE id = $1`, [settlementId, w.users.approver, due]);
    const id = await insertRecovery(w.t, settlementId, 'OPEN', '1000.00');
    await w.t.db.query(`UPDATE recovery SET due_date = $2, interest_parts = '[{"from": "2025-03-01", "amount": "1000.00"}]'::jsonb WHERE id = $1`, [id, due]);
    return id;
  }

  beforeAll(async () => {
    w = await settlementWorld(3, 1);
    own1 = await overdueRecovery(w.own[0]!, '2025-09-30');
    own2 = await overdueRecovery(w.own[1]!, '2025-09-30');
    other = await overdueRecovery(w.other[0]!, '2025-09-30');
    // own2 is paid in full before any Mahnung: it is never dunned
    await w.t.db.query(`UPDATE recovery SET status = 'SETTLED', repaid_principal = principal, settled_on = '2025-10-01' WHERE id = $1`, [own2]);
  });
  afterAll(() => w.t.close());

  it('no Mahnung before DUNNING_FIRST_DAYS after the due date; on that day the 1st, once, with its letter queued in the same step', async () => {
    clock().set('2025-10-13T09:00:00+02:00');
    expect(await scan()).toEqual([]);
    clock().set('2025-10-14T09:00:00+02:00');
    const issued = await scan();
    expect(issued.map((d) => [d.recoveryId, d.level]).sort()).toEqual([[own1, 1], [other, 1]].sort());
    // a second scan (or a retried job) writes nothing twice
    expect(await scan()).toEqual([]);
    expect((await rows()).filter((r) => r.recovery_id === own1)).toEqual([{ recovery_id: own1, level: 1, issued_on: '2025-10-14' }]);

    const r = await recovery(own1);
    expect(r).toMatchObject({ dunningLevel: 1, enforcementDue: false });
    expect(r.dunnings).toEqual([
      expect.objectContaining({ level: 1, issuedOn: '2025-10-14', paymentDeadline: '2025-10-21', outstandingPrincipal: '1000.00', interestUntil: '2025-10-14' }),
    ]);
    // § 49a (3) interest from 02.03.2025 to the day of the Mahnung, so more than nothing is asked for
    expect(Number(r.dunnings[0].interest)).toBeGreaterThan(0);
    const cents = (v: string) => BigInt(v.replace('.', ''));
    expect(cents(r.dunnings[0].totalDue)).toBe(cents(r.dunnings[0].outstandingPrincipal) + cents(r.dunnings[0].interestOutstanding));
    expect(r.dunnings[0].interestOutstanding).toBe(r.dunnings[0].interest);
    // the letter exists at once, waiting for the worker
    const letters = await ok(w.t.http().get(`/api/v1/recoveries/${own1}/letters`).set(bearer(w.tk.staff)));
    expect(letters.items).toEqual([expect.objectContaining({ kind: 'DUNNING', kindLabel: '1. Mahnung', versionNo: 1, status: 'PENDING' })]);
    // one audit event per Mahnung, by the system
    const audit = await w.t.db.query(`SELECT actor_id, after FROM audit_event WHERE action = 'recovery.dunning' AND entity_id = $1`, [own1]);
    expect(audit.rows).toEqual([{ actor_id: null, after: expect.objectContaining({ level: 1, issuedOn: '2025-10-14', paymentDeadline: '2025-10-21' }) }]);
    // the settled recovery was never dunned
    expect((await rows()).some((x) => x.recovery_id === own2)).toBe(false);
  });

  it('the Träger is told, and sees only its own Mahnungen', async () => {
    const mine = await ok(w.t.http().get('/api/v1/notifications').set(bearer(w.tk.provider)));
    expect(mine.items.filter((n: any) => n.stage === 'DUNNING_1').map((n: any) => n.entityId)).toEqual([own1]);
    expect(mine.items.find((n: any) => n.stage === 'DUNNING_1').subject).toMatch(/^1\. Mahnung: Rückforderung .*zahlbar bis 21\.10\.2025$/);
    await w.t.http().get(`/api/v1/recoveries/${other}`).set(bearer(w.tk.provider)).expect(404);
    await w.t.http().get(`/api/v1/recoveries/${other}/letters`).set(bearer(w.tk.provider)).expect(404);
    const ownList = (await ok(w.t.http().get('/api/v1/recoveries?dunningLevel=1').set(bearer(w.tk.provider)))).items;
    expect(ownList.map((x: any) => x.id)).toEqual([own1]);
    const theirs = (await ok(w.t.http().get('/api/v1/recoveries?dunningLevel=1').set(bearer(w.tk.provider2)))).items;
    expect(theirs.map((x: any) => x.id)).toEqual([other]);
    expect((await recovery(own1, w.tk.provider)).dunnings).toHaveLength(1);
  });

  it('the 2nd Mahnung DUNNING_SECOND_DAYS after the 1st; after its deadline the case is in „Vollstreckung prüfen“', async () => {
    clock().set('2025-10-27T09:00:00+01:00');
    expect(await scan()).toEqual([]);
    clock().set('2025-10-28T09:00:00+01:00');
    expect((await scan()).map((d) => d.level)).toEqual([2, 2]);
    expect(await scan()).toEqual([]);
    expect(await recovery(own1)).toMatchObject({ dunningLevel: 2, enforcementDue: false, dunnings: [expect.objectContaining({ level: 1 }), expect.objectContaining({ level: 2, paymentDeadline: '2025-11-04' })] });

    clock().set('2025-11-04T09:00:00+01:00');
    expect((await ok(w.t.http().get('/api/v1/recoveries?enforcementDue=true').set(bearer(w.tk.staff)))).items).toEqual([]);
    clock().set('2025-11-05T09:00:00+01:00');
    const due = (await ok(w.t.http().get('/api/v1/recoveries?enforcementDue=true').set(bearer(w.tk.staff)))).items;
    expect(due.map((x: any) => x.id).sort()).toEqual([own1, other].sort());
    expect(due.every((x: any) => x.enforcementDue && x.dunningLevel === 2)).toBe(true);
    expect(((await ok(w.t.http().get('/api/v1/recoveries?enforcementDue=true').set(bearer(w.tk.provider)))).items).map((x: any) => x.id)).toEqual([own1]);
    expect(((await ok(w.t.http().get('/api/v1/recoveries?dunningLevel=0').set(bearer(w.tk.staff)))).items).map((x: any) => x.id)).toContain(own2);

    const worklist = await ok(w.t.http().get('/api/v1/worklist').set(bearer(w.tk.staff)));
    const entries = worklist.filter((e: any) => e.kind === 'ENFORCEMENT_REVIEW');
    expect(entries.map((e: any) => e.id).sort()).toEqual([own1, other].sort());
    expect(entries.find((e: any) => e.id === own1)).toMatchObject({
      entity: 'Recovery',
      reference: expect.stringMatching(/^FF-2025-\d{4}\/R-/),
      providerName: expect.stringContaining('Pleißenland'),
      dueDate: '2025-11-04',
      action: 'Vollstreckung prüfen: Zahlungsfrist der 2. Mahnung am 04.11.2025 abgelaufen',
    });
    // approvers and Träger have no such task; a settled case leaves the list
    expect((await ok(w.t.http().get('/api/v1/worklist').set(bearer(w.tk.approver)))).some((e: any) => e.kind === 'ENFORCEMENT_REVIEW')).toBe(false);
    expect((await ok(w.t.http().get('/api/v1/worklist').set(bearer(w.tk.provider)))).some((e: any) => e.kind === 'ENFORCEMENT_REVIEW')).toBe(false);
    await w.t.db.query(`UPDATE recovery SET status = 'SETTLED', repaid_principal = principal, settled_on = '2025-11-05' WHERE id = $1`, [other]);
    expect(((await ok(w.t.http().get('/api/v1/recoveries?enforcementDue=true').set(bearer(w.tk.staff)))).items).map((x: any) => x.id)).toEqual([own1]);
  });

  it('the Mahnung letters through the worker: Aktenzeichen, Forderung, Zinsen, Zahlungsfrist, Kreiskasse; the 2nd announces enforcement', async () => {
    const worker = await w.t.startWorker();
    try {
      const letters = await waitFor(async () => {
        const list = await ok(w.t.http().get(`/api/v1/recoveries/${own1}/letters`).set(bearer(w.tk.provider)));
        if (list.items.some((d: any) => d.status === 'FAILED')) throw new Error(JSON.stringify(list.items));
        return list.items.length === 2 && list.items.every((d: any) => d.status === 'COMPLETED') ? list.items : null;
      });
      expect(letters.map((d: any) => d.kindLabel)).toEqual(['1. Mahnung', '2. Mahnung']);
      const second = letters[1];
      expect(second.fileName).toMatch(/^Mahnung-2_FF-2025-\d{4}-R-.*\.pdf$/);
      const pdf = (await w.t.http().get(`/api/v1/letters/${second.id}/file`).set(bearer(w.tk.provider)).buffer(true).parse(binary).expect(200)).body as Buffer;
      const all = extractPdfText(pdf).pages.map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ')).join('\n');
      const r = await recovery(own1);
      const n2 = r.dunnings[1];
      const eur = (v: string) => `${Number(v).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
      expect(all).toContain('2. Mahnung – Ankündigung der Vollstreckung');
      expect(all).toContain(`Aktenzeichen / Verwendungszweck FF-2025-`);
      expect(all).toContain('Forderung (Rückforderungsbetrag) 1.000,00 €');
      expect(all).toContain(`Zinsen nach § 49a Abs. 3 ThürVwVfG bis 28.10.2025 ${eur(n2.interest)}`);
      expect(all).toContain(`Zu zahlen insgesamt ${eur(n2.totalDue)}`);
      expect(all).toContain('Zahlungsfrist bis zum 04.11.2025 (Eingang auf dem Konto)');
      expect(all).toContain('Mit unserer Mahnung vom 14.10.2025 haben wir Ihnen eine weitere Frist bis zum 21.10.2025 gesetzt.');
      expect(all).toContain('Konto der Kreiskasse');
      expect(all).toContain('Hinweis auf die Vollstreckung');
      expect(all).not.toContain('Rechtsbehelfsbelehrung');
      await w.t.http().get(`/api/v1/letters/${second.id}/file`).set(bearer(w.tk.provider2)).expect(404);
      // the scheduled job is wired: run through the queue, it finds nothing new to write
      const run = await ok(w.t.http().post('/api/v1/admin/schedules/recoveries.dunning-scan/run').set(bearer(w.tk.admin)), 202);
      expect(run.jobId).toMatch(/^recoveries\.dunning-scan\.manual-/);
      await waitFor(async () => {
        const job = await w.t.http().get(`/api/v1/admin/jobs/notifications/${run.jobId}`).set(bearer(w.tk.admin));
        return job.body.state === 'completed' ? job.body : null;
      });
      expect((await rows()).length).toBe(4);
    } finally {
      await w.t.stopWorker(worker);
    }
  });

  it('the days are parameters the Kreis chooses: its own DUNNING_FIRST_DAYS moves the day of the 1st Mahnung of its recovery', async () => {
    await ok(
      w.t.http().post('/api/v1/programmes/SOZIALBERATUNG_FLUECHTLINGE/parameters/DUNNING_FIRST_DAYS/values').set(bearer(w.tk.admin)).send({ value: '20', validFrom: '2025-11-01' }),
      201,
    );
    const later = await overdueRecovery(w.own[2]!, '2025-11-30');
    clock().set('2025-12-14T09:00:00+01:00');
    expect(await scan()).toEqual([]);
    clock().set('2025-12-19T09:00:00+01:00');
    expect(await scan()).toEqual([]);
    clock().set('2025-12-20T09:00:00+01:00');
    expect((await scan()).map((d) => [d.recoveryId, d.level])).toEqual([[later, 1]]);
  });
});
