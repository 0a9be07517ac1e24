import type { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CalendarDate, dec, FixedClock, Money, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import {
  AllocationRoundService,
  APPLICATION_CHECKLIST_CODES,
  ApplicationReviewService,
  ApplicationsService,
  ApplicationSubmissionService,
  CallsService,
  CallStatus,
} from '@foerderfluss/applications';
import { DecisionApprovalsService, DecisionProposalsService, Instrument } from '@foerderfluss/decisions';
import { DuePaymentDoc, PaymentFilesService, PaymentRequestsService, StateFlowsService } from '@foerderfluss/payments';
import {
  ParsedReceipt,
  ProofDraftsService,
  ProofKind,
  ProofSubmissionService,
  Receipt,
  ReceiptsService,
  RecoveriesService,
  ReviewService,
  SettlementsService,
} from '@foerderfluss/proof-of-use';
import { DemoApplication } from './applications-2026';
import { DEMO_REQUIRED_ATTACHMENTS_2026, uploadDemoAttachments } from './attachments';
import { SACHLICH_RICHTIG } from './checks';
import { DEMO_HISTORY, HistoryProject, HistoryYear } from './history-data';
import { narrativeIndicators } from './indicator-values';
import { DemoSeedModule } from './round';
import { applicationInput, demoPlan } from './application-input';
import { demoScopes } from './scopes';

const at = (day: string, time = '09:00:00'): string => `${day}T${time}+01:00`;

/** Six Mittelabrufe a year, one per two months (the programme's Abrufzeitraum): requested on, value date. */
const ABRUFE: readonly [month: number, requestedOn: string, valueDate: string][] = [
  [1, '01-06', '01-15'],
  [3, '03-04', '03-13'],
  [5, '05-06', '05-15'],
  [7, '07-04', '07-15'],
  [9, '09-04', '09-15'],
  [11, '11-04', '11-13'],
];

/**
 * The demo's history (issue 19): 2024 and 2025, each replayed through the real services with the
 * clock on the days things happened, from the Projektaufruf to the Festsetzung and the Rückzahlung,
 * so ledgers, letters, notifications and audit events are what the application wrote. Each year
 * runs once (skipped when its call exists) in one transaction, after the 2026 round, so the 2026
 * demo's numbers (references, letters) stay as they were.
 */
/** Whose history is replayed: the Kreis, its Sachbearbeitung and Zeichnung, the years (issue 20). */
export interface HistoryKreis {
  districtCode: string;
  staffEmail: string;
  approverEmail: string;
  /** The GRANT line of the financing plans, e.g. "Zuwendung Landkreis Greiz". */
  grantSource: string;
  years: readonly HistoryYear[];
}

/** The Altenburger Land's history (2024, 2025), the demo's from the start. */
export const ALTENBURG_HISTORY: HistoryKreis = {
  districtCode: 'DISTRICT_ALTENBURGER_LAND',
  staffEmail: 'sachbearbeitung@demo.foerderfluss.de',
  approverEmail: 'zeichnung@demo.foerderfluss.de',
  grantSource: 'Zuwendung Landkreis Altenburger Land',
  years: DEMO_HISTORY,
};

/**
 * The demo's history (issue 19): each year replayed through the real services with the clock on
 * the days things happened, from the Projektaufruf to the Festsetzung and the Rückzahlung, so
 * ledgers, letters, notifications and audit events are what the application wrote. Each year runs
 * once (skipped when its call exists in the Kreis) in one transaction. The Kreis is a parameter
 * (issue 20): the Altenburger Land's 2024 and 2025 after its 2026 round, so the 2026 demo's numbers
 * (references, letters) stay as they were; Greiz's and Saale-Orla's 2025 (seeds/demo/land-data.ts).
 * The caller runs it inside `runWithTenancy` of the Kreis, which files the root records under it.
 */
export async function applyDemoHistory(ds: DataSource, config: AppConfig, kreis: HistoryKreis = ALTENBURG_HISTORY): Promise<number> {
  const [district] = (await ds.query(`SELECT id FROM organisation WHERE code = $1`, [kreis.districtCode])) as { id: string }[];
  if (!district) throw new Error(`demo seed: Kreis ${kreis.districtCode} missing`);
  const due: { year: HistoryYear; budgetYearId: string }[] = [];
  for (const year of kreis.years) {
    const existing = (await ds.query('SELECT 1 FROM funding_call WHERE title = $1 AND district_id = $2', [year.call.title, district.id])) as unknown[];
    if (existing.length > 0) continue;
    const [budgetYear] = (await ds.query(
      `SELECT b.id FROM budget_year b JOIN programme p ON p.id = b.programme_id WHERE p.code = 'SOZIALBERATUNG_FLUECHTLINGE' AND b.year = $1 AND b.district_id = $2`,
      [year.year, district.id],
    )) as { id: string }[];
    if (budgetYear) due.push({ year, budgetYearId: budgetYear.id });
  }
  if (due.length === 0) return 0;
  const people = await scopes(ds, kreis);
  const clock = new FixedClock(config.timezone, new Date(at(due[0]!.year.call.openingDate)));
  // One application context for all years (booting it is a good part of the time).
  const app = await NestFactory.createApplicationContext(DemoSeedModule.register(config, clock), { logger: false });
  let replayed = 0;
  try {
    for (const { year, budgetYearId } of due) {
      // One transaction per year: a failure leaves no half year behind.
      await app.get(TransactionRunner).run(() => replayYear(app, clock, budgetYearId, year, people));
      replayed += year.projects.length;
    }
  } finally {
    await app.close();
  }
  return replayed;
}

interface People {
  staff: Scope;
  approver: Scope;
  provider: (code: string) => Scope;
  grantSource: string;
}

async function scopes(ds: DataSource, kreis: HistoryKreis): Promise<People> {
  const people = await demoScopes(ds);
  return {
    staff: people.byEmail(kreis.staffEmail),
    approver: people.byEmail(kreis.approverEmail),
    provider: people.provider,
    grantSource: kreis.grantSource,
  };
}

/** The project as an Antrag of the 2026 shape, so the financing plan is built the same way. */
function asApplication(p: HistoryProject, submittedOn: string): DemoApplication {
  return {
    ...p,
    positions: p.position ? [p.position] : [],
    thirdParty: [],
    submittedOn,
    outcome: { kind: 'APPROVED', instrument: p.instrument, financingType: p.financingType, specialConditions: [] },
  };
}

async function replayYear(app: INestApplicationContext, clock: FixedClock, yearId: string, h: HistoryYear, people: People): Promise<void> {
  const { staff, approver } = people;
  const y = h.year;
  const em = app.get(TransactionRunner).manager;
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const submission = app.get(ApplicationSubmissionService);
  const review = app.get(ApplicationReviewService);
  const rounds = app.get(AllocationRoundService);
  const proposals = app.get(DecisionProposalsService);
  const approvals = app.get(DecisionApprovalsService);
  // Notifications that exist now were not written by this year's replay (see the end).
  const notificationIds = new Set(((await em.query(`SELECT id FROM notification`)) as { id: string }[]).map((n) => n.id));

  clock.set(at(`${y - 1}-08-11`));
  const call = await calls.create(staff, {
    budgetYearId: yearId,
    title: h.call.title,
    text: h.call.text,
    openingDate: h.call.openingDate,
    deadline: h.call.deadline,
    eligibleFieldsOfAction: [
      'LANGUAGE_EDUCATION', 'LABOUR_MARKET', 'HOUSING_SOCIAL_INFRASTRUCTURE', 'HEALTH_PSYCHOSOCIAL_CARE',
      'POLITICAL_SOCIAL_PARTICIPATION', 'ADMINISTRATION_INTERCULTURAL_OPENING', 'ANTI_DISCRIMINATION', 'CULTURE_LEISURE_SPORT',
    ],
    eligibleCostCategories: ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'],
    targetSocialAreas: [],
    requiredAttachments: DEMO_REQUIRED_ATTACHMENTS_2026,
    budgetIndication: null,
  });
  await calls.setStatus(staff, call.id, CallStatus.PUBLISHED);

  // Anträge in September and early October, one every few days
  const projects: { spec: HistoryProject; scope: Scope; applicationId: string; decisionId: string; grant: Money }[] = [];
  for (const [i, spec] of h.projects.entries()) {
    const submittedOn = CalendarDate.parse(`${y - 1}-09-08`).addDays(i * 5).toISOString();
    const scope = people.provider(spec.providerCode);
    clock.set(at(submittedOn, '08:30:00'));
    const a = await applications.create(scope, call.id, applicationInput(asApplication(spec, submittedOn), { year: y, grantSource: people.grantSource }));
    await uploadDemoAttachments(app, scope, a.id, spec.title, DEMO_REQUIRED_ATTACHMENTS_2026);
    clock.set(at(submittedOn, '16:00:00'));
    await submission.submit(scope, a.id);
    projects.push({ spec, scope, applicationId: a.id, decisionId: '', grant: Money.ZERO });
  }

  // Prüfung in October and November, all approved
  clock.set(at(`${y - 1}-10-21`));
  for (const p of projects) {
    await review.startReview(staff, p.applicationId);
    await review.saveReview(staff, p.applicationId, {
      checklist: APPLICATION_CHECKLIST_CODES.map((code) => ({ code, result: 'OK', note: null })),
      votum: { recommendation: 'APPROVE', reasons: 'Formal vollständig; fachlich im Handlungsfeld begründet; Kosten plausibel.', proposedAmount: null },
    });
    p.grant = (await applications.get(staff, p.applicationId)).requestedAmount;
  }
  clock.set(at(`${y - 1}-11-25`));
  await rounds.setItems(staff, call.id, projects.map((p) => ({ applicationId: p.applicationId, proposedAmount: p.grant, note: null })));
  clock.set(at(CalendarDate.parse(h.resolution.date).addDays(1).toISOString()));
  await rounds.recordResolution(staff, call.id, h.resolution);
  await rounds.confirm(staff, call.id);

  clock.set(at(`${y - 1}-12-09`));
  for (const p of projects) {
    const d = await proposals.proposeGrant(staff, p.applicationId, {
      instrument: p.spec.instrument as Instrument,
      financingType: p.spec.financingType,
      fundingRatePercent: null,
      maxAmount: p.grant,
      specialConditions: [],
    });
    p.decisionId = d.decision.id;
  }
  clock.set(at(`${y - 1}-12-16`, '11:00:00'));
  for (const p of projects) await approvals.approve(approver, p.decisionId);

  await replayPayments(app, clock, yearId, h, staff, approver, projects, people.grantSource);
  await replayProofs(app, clock, h, staff, approver, projects);

  // The Träger read last years' notifications a couple of hours after each arrived.
  await em.query(
    `UPDATE notification SET read_at = created_at + interval '2 hours'
      WHERE read_at IS NULL AND NOT (id = ANY($1::uuid[]))`,
    [[...notificationIds]],
  );
}

/** The Land's money in January, then six Abrufe of every project, each paid by one SEPA file. */
async function replayPayments(
  app: INestApplicationContext,
  clock: FixedClock,
  yearId: string,
  h: HistoryYear,
  staff: Scope,
  approver: Scope,
  projects: { spec: HistoryProject; scope: Scope; decisionId: string; grant: Money }[],
  grantSource: string,
): Promise<void> {
  const y = h.year;
  const requests = app.get(PaymentRequestsService);
  const files = app.get(PaymentFilesService);
  const flows = app.get(StateFlowsService);
  clock.set(at(`${y}-01-03`));
  const drawdown = await flows.requestDrawdown(staff, { budgetYearId: yearId, amount: Money.of(h.drawdown), requestedOn: `${y}-01-03`, reference: `Mittelabruf 1/${y} beim TLVwA (Demo)`, note: null });
  clock.set(at(`${y}-01-10`));
  await flows.receiveDrawdown(staff, drawdown.id, `${y}-01-10`);

  const paid = new Map<string, Money>();
  for (const [n, [month, requestedOn, valueDate]] of ABRUFE.entries()) {
    const months = `${String(month).padStart(2, '0')}–${String(month + 1).padStart(2, '0')}/${y}`;
    const dueDate = CalendarDate.of(y, month + 1, 1).endOfMonth().toISOString();
    clock.set(at(`${y}-${requestedOn}`));
    const ids: string[] = [];
    for (const p of projects) {
      const plan = demoPlan(asApplication(p.spec, `${y - 1}-09-08`), grantSource);
      // Two months of every planned cost line fall due within the Abrufzeitraum.
      const due: DuePaymentDoc[] = plan.costLines.map((l) => ({
        dueDate,
        payeeType: l.category === 'PERSONNEL' ? 'STAFF' : l.category === 'MATERIAL_ADMIN' ? 'SUPPLIER' : 'CONTRACTOR',
        costCategory: l.category,
        description: `${l.description} ${months}`,
        amount: Money.of(l.amount).dividedBy(6).toApiString(),
      }));
      const already = paid.get(p.decisionId) ?? Money.ZERO;
      // The last Abruf takes what is left of the grant (the sixths may not add up to the cent).
      const amount = n === ABRUFE.length - 1 ? p.grant.minus(already) : p.grant.dividedBy(6).round();
      // Submitting refuses an amount above the limit (due payments × the grant's share), so data that does not divide stops the seed.
      const r = await requests.create(p.scope, p.decisionId, { requestedAmount: amount, duePayments: due, dueTotal: null, dueExplanation: null, requestedValueDate: `${y}-${valueDate}` });
      await requests.submit(p.scope, r.id);
      ids.push(r.id);
      paid.set(p.decisionId, already.plus(amount));
    }
    clock.set(at(CalendarDate.parse(`${y}-${requestedOn}`).addDays(1).toISOString()));
    for (const id of ids) await requests.check(staff, id, null, SACHLICH_RICHTIG.note, SACHLICH_RICHTIG.checklist);
    clock.set(at(CalendarDate.parse(`${y}-${requestedOn}`).addDays(2).toISOString()));
    const disbursements: string[] = [];
    for (const id of ids) disbursements.push((await requests.approve(approver, id)).disbursement.id);
    const file = await files.generate(staff, { disbursementIds: disbursements, executionDate: `${y}-${valueDate}`, batchBooking: true });
    clock.set(at(`${y}-${valueDate}`, '15:00:00'));
    await files.book(staff, file.id, `${y}-${valueDate}`);
  }
}

/**
 * Verwendungsnachweise in February and March of the following year (Sachbericht with Kennzahlen,
 * Belegliste per half-year), Prüfung with a sample in April, Festsetzung under four eyes in May,
 * and the Rückzahlungen of the recoveries.
 */
async function replayProofs(
  app: INestApplicationContext,
  clock: FixedClock,
  h: HistoryYear,
  staff: Scope,
  approver: Scope,
  projects: { spec: HistoryProject; scope: Scope; decisionId: string }[],
): Promise<void> {
  const y = h.year;
  const drafts = app.get(ProofDraftsService);
  const receipts = app.get(ReceiptsService);
  const submission = app.get(ProofSubmissionService);
  const reviews = app.get(ReviewService);
  const settlements = app.get(SettlementsService);
  const recoveries = app.get(RecoveriesService);
  const em = app.get(TransactionRunner).manager;
  const halfYearEnds = [`${y}-06-30`, `${y}-12-19`];

  for (const [i, p] of projects.entries()) {
    const submittedOn = CalendarDate.parse(`${y + 1}-02-10`).addDays(i * 6).toISOString();
    clock.set(at(submittedOn));
    const proof = await drafts.create(p.scope, p.decisionId, ProofKind.FINAL, null);
    const actualOf = (category: string, planned: string): Money => Money.of(p.spec.actuals?.[category as keyof NonNullable<HistoryProject['actuals']>] ?? planned);
    // One Sammelbeleg per Kostenart and half-year (the Belegliste stays short); the second takes the odd cent.
    for (const line of proof.figures.costLines) {
      const total = actualOf(line.category, line.planned);
      const half = total.dividedBy(2).round();
      for (const [q, date] of halfYearEnds.entries()) {
        const amount = q === 1 ? total.minus(half) : half;
        const parsed: ParsedReceipt = {
          position: null,
          receiptNumber: `${line.category.slice(0, 2)}-${y}-H${q + 1}`,
          receiptDate: CalendarDate.parse(date),
          paymentDate: CalendarDate.parse(date),
          counterparty: line.category === 'PERSONNEL' ? 'Personalkosten lt. Lohnjournal' : line.category === 'INTERPRETING' ? 'Sprachmittlung Mitteldeutschland eG' : 'Sammelbeleg lt. Kassenbuch',
          reason: `${line.description} (${q + 1}. Halbjahr ${y})`,
          direction: 'EXPENSE',
          costCategory: line.category,
          grossAmount: amount,
          vatAmount: null,
          projectSharePercent: dec(100),
          eligibleAmount: null,
          personnelPosition: line.category === 'PERSONNEL' ? (p.spec.position?.label ?? null) : null,
        };
        await receipts.addReceipt(p.scope, proof.id, parsed);
      }
    }
    await drafts.update(p.scope, proof.id, {
      narrative: { ...p.spec.narrative, indicators: await narrativeIndicators(em, p.spec.indicators) },
      figures: {
        costLines: proof.figures.costLines.map((l) => ({ ...l, actual: actualOf(l.category, l.planned).toApiString() })),
        ownFunds: p.spec.ownFunds,
        thirdPartyFunds: '0.00',
      },
    });
    clock.set(at(submittedOn, '16:00:00'));
    await submission.submit(p.scope, proof.id);

    // Prüfung in April with a sample of the Belege
    clock.set(at(CalendarDate.parse(`${y + 1}-04-07`).addDays(i * 2).toISOString()));
    await reviews.start(staff, proof.id);
    await reviews.saveCursory(staff, proof.id, { complete: true, plausible: true, purposeAchieved: true, notes: 'Sachbericht und zahlenmäßiger Nachweis schlüssig.' });
    await reviews.drawSample(staff, proof.id, `FF-${y}-VN-${i + 1}`);
    const sampled = await em.getRepository(Receipt).find({ where: { proofId: proof.id, inSample: true }, order: { position: 'ASC' } });
    for (const r of sampled) await reviews.decideReceipt(staff, proof.id, r.id, 'RECOGNISED', null, null);
    await reviews.complete(
      staff,
      proof.id,
      p.spec.recovery ? 'Verwendung nachgewiesen. Minderausgaben; Rückforderung mit Zinsen nach § 49a Abs. 3 VwVfG.' : 'Verwendung nachgewiesen; Zuwendung in voller Höhe festgesetzt.',
    );

    // Festsetzung in May, under four eyes
    clock.set(at(CalendarDate.parse(`${y + 1}-05-04`).addDays(i).toISOString()));
    const settlement = await settlements.propose(
      staff,
      proof.id,
      p.spec.recovery?.dueDate ?? null,
      p.spec.recovery
        ? `Minderausgaben lt. Verwendungsnachweis (${p.spec.narrative.deviations}) Festsetzung auf die nachgewiesenen Ausgaben, Rückforderung mit Zinsen nach § 49a Abs. 3 VwVfG.`
        : 'Verwendung vollständig nachgewiesen. Festsetzung in voller Höhe, keine Rückforderung.',
    );
    clock.set(at(CalendarDate.parse(`${y + 1}-05-06`).addDays(i).toISOString()));
    const { recovery } = await settlements.approve(approver, settlement.id);
    if (p.spec.recovery) {
      if (!recovery) throw new Error(`demo seed: the Festsetzung of ${p.spec.title} raised no recovery`);
      const repay = p.spec.recovery;
      clock.set(at(repay.repaidOn, '10:00:00'));
      // Paid in full: the principal and the interest up to the day the money came in.
      const amount = repay.repayment === 'FULL' ? recovery.principal.plus((await recoveries.interest(staff, recovery.id, repay.repaidOn)).interest) : Money.of(repay.amount);
      await recoveries.recordRepayment(staff, recovery.id, { amount, receivedOn: repay.repaidOn, payer: 'Träger lt. Kontoauszug', paymentReference: `Rückzahlung ${p.spec.title}` });
    }
  }
}
