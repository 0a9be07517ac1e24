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
