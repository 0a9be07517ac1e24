import { APPLICATION_CHECKLIST_CODES } from '@foerderfluss/applications';
import { PAYMENT_CHECKLIST_CODES } from '@foerderfluss/payments';
import { bearer, TestContext } from './harness';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './fixtures';

export interface Tokens {
  admin: string;
  staff: string;
  approver: string;
  provider: string;
  provider2: string;
  auditor: string;
}

/**
 * A Prüfung ready for a proposal (issue 16): every checklist point decided and a Votum with reasons.
 * `PUT /applications/{id}/review` body; a Bewilligung needs APPROVE (or APPROVE_PARTIAL), an
 * Ablehnung REJECT.
 */
/** One point of a checklist as the API takes it (tests change single points of a complete list). */
export interface ChecklistItemBody {
  code: string;
  result: 'OPEN' | 'OK' | 'NOT_OK' | 'NOT_APPLICABLE';
  note: string | null;
}

export function completeReviewBody(
  recommendation: 'APPROVE' | 'APPROVE_PARTIAL' | 'REJECT' = 'APPROVE',
  reasons = 'Formal vollständig; fachlich begründet; Kosten plausibel.',
): { checklist: ChecklistItemBody[]; votum: { recommendation: string; proposedAmount: string | null; reasons: string } } {
  return {
    checklist: APPLICATION_CHECKLIST_CODES.map((code) => ({ code, result: 'OK', note: null })),
    votum: { recommendation, proposedAmount: null, reasons },
  };
}

/** Saves a complete Prüfung (checklist and Votum) on an application in review, as staff. */
export async function completeReview(t: TestContext, staffToken: string, applicationId: string, recommendation: 'APPROVE' | 'APPROVE_PARTIAL' | 'REJECT' = 'APPROVE'): Promise<void> {
  await expectOk(t.http().put(`/api/v1/applications/${applicationId}/review`).set(bearer(staffToken)).send(completeReviewBody(recommendation)));
}

/**
 * The sachliche Prüfung of a Mittelabruf with its checklist and Prüfvermerk (issue 16):
 * `POST /payment-requests/{id}/check` body, with `amount` (and a reason of the cut) where given.
 */
export function checkBody(extra: { amount?: string; note?: string } = {}): { checklist: ChecklistItemBody[]; note: string; amount?: string } {
  return {
    checklist: PAYMENT_CHECKLIST_CODES.map((code) => ({ code, result: 'OK', note: null })),
    note: 'Fällige Zahlungen geprüft; Bedarf im Abrufzeitraum belegt.',
    ...extra,
  };
}

/** The Votum of a Festsetzung proposal: `POST /settlements` with `{ proofId, recoveryDueDate, ...settlementVotum }`. */
export const settlementVotum = { votum: { reasons: 'Verwendung nachgewiesen; Festsetzung nach dem Prüfvermerk.' } } as const;

/**
 * An approved decision of the first demo Träger in a budget year of its own, through the real
 * endpoints: apply, submit, review, propose, approve. Returns the decision as the api shows it.
 */
export async function approvedDecision(
  t: TestContext,
  tk: Tokens,
  opts: {
    yearId: string;
    callId: string;
    year: number;
    financingType?: 'SHARE' | 'DEFICIT' | 'FULL';
    fundingRatePercent?: string;
    grant?: string;
    instrument?: 'BESCHEID' | 'VERTRAG';
    application?: Record<string, unknown>;
  },
): Promise<{ id: string; reference: string; applicationId: string }> {
  const grant = opts.grant ?? '90000.00';
  const a = await t
    .http()
    .post('/api/v1/applications')
    .set(bearer(tk.provider))
    .send(applicationBody(opts.callId, opts.year, { financingPlan: balancedPlan(grant), ...opts.application }));
  if (a.status !== 201) throw new Error(`application: ${a.status} ${JSON.stringify(a.body)}`);
  await expectOk(t.http().post(`/api/v1/applications/${a.body.id}/submit`).set(bearer(tk.provider)));
  await expectOk(t.http().post(`/api/v1/applications/${a.body.id}/start-review`).set(bearer(tk.staff)));
  await completeReview(t, tk.staff, a.body.id);
  const d = await t
    .http()
    .post(`/api/v1/applications/${a.body.id}/propose-decision`)
    .set(bearer(tk.staff))
    .send({ instrument: opts.instrument ?? 'BESCHEID', financingType: opts.financingType ?? 'DEFICIT', fundingRatePercent: opts.fundingRatePercent, maxAmount: grant });
  if (d.status !== 201) throw new Error(`propose: ${d.status} ${JSON.stringify(d.body)}`);
  await expectOk(t.http().post(`/api/v1/decisions/${d.body.id}/approve`).set(bearer(tk.approver)));
  return { id: d.body.id, reference: d.body.reference, applicationId: a.body.id };
}

export async function yearWithCall(t: TestContext, tk: Tokens, year: number, amounts?: { state: string; district: string }) {
  const y = await createBudgetYear(t, tk.admin, year, amounts);
  const call = await createPublishedCall(t, tk.staff, y.id);
  return { yearId: y.id, callId: call.id, year };
}

async function expectOk(req: PromiseLike<{ status: number; body: unknown }>): Promise<void> {
  const res = await req;
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
}
