import { bearer, createTestContext, DEMO, TestContext } from './harness';
import { createBudgetYear, createPublishedCall } from './fixtures';
import { approvedDecision, Tokens } from './flow';

/**
 * Decisions with a (draft) final VN each, for tests that put Festsetzungen and Rückforderungen into
 * a status directly with SQL instead of walking Prüfung and payouts over HTTP.
 */
export interface SettlementWorld {
  t: TestContext;
  tk: Tokens;
  users: Record<keyof typeof DEMO, string>;
  /** decision ids with their final VN's id, by the Träger they belong to */
  own: { decisionId: string; proofId: string }[];
  other: { decisionId: string; proofId: string }[];
}

export async function settlementWorld(ownCount: number, otherCount: number): Promise<SettlementWorld> {
  const t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
  const [admin, staff, approver, provider, provider2, auditor] = await Promise.all(
    [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
  );
  const tk: Tokens = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
  const rows = (await t.db.query(`SELECT email, id FROM app_user WHERE email = ANY($1)`, [Object.values(DEMO)])).rows as { email: string; id: string }[];
  const users = Object.fromEntries(Object.entries(DEMO).map(([k, email]) => [k, rows.find((r) => r.email === email)!.id])) as SettlementWorld['users'];
  const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
  const call = await createPublishedCall(t, tk.staff, y.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
  const base = { yearId: y.id, callId: call.id, year: 2025, application: { periodEnd: '2025-06-30' } };
  const make = async (providerToken: string) => {
    const d = await approvedDecision(t, { ...tk, provider: providerToken }, base);
    const p = await t.http().post('/api/v1/proofs-of-use').set(bearer(providerToken)).send({ decisionId: d.id, kind: 'FINAL' });
    if (p.status !== 201) throw new Error(`proof: ${p.status} ${JSON.stringify(p.body)}`);
    return { decisionId: d.id, proofId: p.body.id as string };
  };
  const own = [];
  for (let i = 0; i < ownCount; i++) own.push(await make(tk.provider));
  const other = [];
  for (let i = 0; i < otherCount; i++) other.push(await make(tk.provider2));
  return { t, tk, users, own, other };
}

/** A Festsetzung in `status`, proposed by `proposedBy`; R and released money 0 unless given. */
export async function insertSettlement(
  t: TestContext,
  c: { decisionId: string; proofId: string },
  status: 'PROPOSED' | 'APPROVED' | 'RETURNED',
  proposedBy: string,
  amounts: { recovery?: string; release?: string } = {},
): Promise<string> {
  const res = await t.db.query(
    `INSERT INTO settlement (decision_id, proof_id, status, final_grant, recognised_costs, paid_amount, recovery_amount, release_amount, calculation,
                             recovery_due_date, proposed_by, proposed_at, return_reason)
     VALUES ($1, $2, $3, 90000, 100000, 90000, $4, $5, '{}'::jsonb, NULL, $6, now(), CASE WHEN $3 = 'RETURNED' THEN 'zurück' END) RETURNING id`,
    [c.decisionId, c.proofId, status, amounts.recovery ?? '0', amounts.release ?? '0', proposedBy],
  );
  return res.rows[0].id as string;
}

/** A Rückforderung of `principal` without interest-bearing parts (interest 0), in `status`. */
export async function insertRecovery(
  t: TestContext,
  settlementId: string,
  status: 'OPEN' | 'PARTIALLY_PAID' | 'SETTLED',
  principal = '1000.00',
): Promise<string> {
  const res = await t.db.query(
    `INSERT INTO recovery (reference, decision_id, settlement_id, provider_id, instrument, principal, interest_parts, due_date, status, ledger_entry_id)
     SELECT d.reference || '/R-' || substr(md5(random()::text), 1, 6), d.id, s.id, d.provider_id, 'BESCHEID', $3, '[]'::jsonb, '2025-09-30', $2, 0
       FROM settlement s JOIN decision d ON d.id = s.decision_id WHERE s.id = $1 RETURNING id`,
    [settlementId, status, principal],
  );
  return res.rows[0].id as string;
}
