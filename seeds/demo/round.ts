import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, FixedClock, Money, Rate, Scope } from '@foerderfluss/core';
import { AppConfigModule, DatabaseModule, TransactionRunner } from '@foerderfluss/database';
import { AuditModule } from '@foerderfluss/audit';
import { IdentityModule } from '@foerderfluss/identity';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import {
  AllocationRoundService,
  ApplicationsModule,
  ApplicationReviewService,
  ApplicationsService,
  ApplicationSubmissionService,
  CallsService,
  CallStatus,
  APPLICATION_CHECKLIST_CODES,
} from '@foerderfluss/applications';
import { DecisionApprovalsService, DecisionProposalsService, DecisionsModule, Instrument } from '@foerderfluss/decisions';
import { DuePaymentDoc, PaymentFilesService, PaymentRequestsService, PaymentsModule, StateFlowsService } from '@foerderfluss/payments';
import { DEMO_REQUIRED_ATTACHMENTS_2026, uploadDemoAttachments } from './attachments';
import { applicationInput, DEMO_CALL_COST_CATEGORIES, DEMO_CALL_FIELDS_OF_ACTION } from './application-input';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { NotificationEventsModule } from '@foerderfluss/notifications';
import { DEMO_APPLICATIONS_2026, DEMO_CALL_2026, DEMO_ROUND_2026, DemoApplication } from './applications-2026';
import { SACHLICH_RICHTIG } from './checks';
import { replayProofs } from './proofs';
import { demoScopes } from './scopes';

@Module({})
export class DemoSeedModule {
  static register(config: AppConfig, clock: FixedClock): DynamicModule {
    return {
      module: DemoSeedModule,
      imports: [
        AppConfigModule.forRoot(config, clock),
        DatabaseModule.forRoot(),
        AuditModule,
        IdentityModule,
        OrganisationsModule,
        ProgrammesModule,
        FundingModule,
        ApplicationsModule,
        DecisionsModule,
        PaymentsModule,
        ProofOfUseModule,
        // The Träger's notifications are written with each replayed change, as in the running app.
        NotificationEventsModule,
      ],
    };
  }
}

const at = (day: string, time = '09:00:00'): string => `${day}T${time}+02:00`;

/**
 * Replays the 2025 application round for the 2026 demo year through the real services, with a
 * clock that stands on the days things happened: so every record, version, ledger entry and
 * audit event is what the application itself would have written. Runs once (skipped when the
 * demo call exists).
 */
export async function applyDemoRound(ds: DataSource, config: AppConfig): Promise<number> {
  const existing = (await ds.query('SELECT 1 FROM funding_call WHERE title = $1', [DEMO_CALL_2026.title])) as unknown[];
  if (existing.length > 0) return 0;
  const [year] = (await ds.query(
    `SELECT b.id FROM budget_year b JOIN programme p ON p.id = b.programme_id
      WHERE p.code = 'SOZIALBERATUNG_FLUECHTLINGE' AND b.year = 2026 AND b.district_id = (SELECT id FROM organisation WHERE code = 'DISTRICT_ALTENBURGER_LAND')`,
  )) as { id: string }[];
  if (!year) return 0;

  // The scopes AuthService would give the demo users: the Kreis's staff carry the Altenburger Land.
  const people = await demoScopes(ds);
  const staff = people.byEmail('sachbearbeitung@demo.foerderfluss.de');
  const approver = people.byEmail('zeichnung@demo.foerderfluss.de');
  const providerScope = people.provider;

  const clock = new FixedClock(config.timezone, new Date(at('2025-08-11')));
  const app = await NestFactory.createApplicationContext(DemoSeedModule.register(config, clock), { logger: false });
  try {
    // One transaction for the whole replay: a failure leaves no half demo behind.
    return await app.get(TransactionRunner).run(() => replay(app, clock, year.id, staff, approver, providerScope));
  } finally {
    await app.close();
  }
}

async function replay(
  app: INestApplicationContext,
  clock: FixedClock,
  yearId: string,
  staff: Scope,
  approver: Scope,
  providerScope: (code: string) => Scope,
): Promise<number> {
  {
    const calls = app.get(CallsService);
    const applications = app.get(ApplicationsService);
    const submission = app.get(ApplicationSubmissionService);
    const review = app.get(ApplicationReviewService);
    const rounds = app.get(AllocationRoundService);
    const proposals = app.get(DecisionProposalsService);
    const approvals = app.get(DecisionApprovalsService);

    const call = await calls.create(staff, {
      budgetYearId: yearId,
      title: DEMO_CALL_2026.title,
      text: DEMO_CALL_2026.text,
      openingDate: DEMO_CALL_2026.openingDate,
      deadline: DEMO_CALL_2026.deadline,
      eligibleFieldsOfAction: DEMO_CALL_FIELDS_OF_ACTION,
      eligibleCostCategories: DEMO_CALL_COST_CATEGORIES,
      targetSocialAreas: [],
      requiredAttachments: DEMO_REQUIRED_ATTACHMENTS_2026,
      // Richtwert: what the year holds (Land 419.250,00 + Kreis 104.812,50).
      budgetIndication: Money.of('524062.50'),
    });
    await calls.setStatus(staff, call.id, CallStatus.PUBLISHED);

    const created: { spec: DemoApplication; id: string }[] = [];
    for (const spec of [...DEMO_APPLICATIONS_2026].sort((a, b) => a.submittedOn.localeCompare(b.submittedOn))) {
      clock.set(at(spec.submittedOn, '08:30:00'));
      const scope = providerScope(spec.providerCode);
      const a = await applications.create(
        scope,
        call.id,
        applicationInput(spec, {
          vatDeductible: spec.providerCode === 'PROVIDER_EDUCATION',
          otherPublicFunding: spec.outcome.kind === 'REJECTED' ? 'Landesprogramm „Integration vor Ort“ (bewilligt für 2026)' : null,
        }),
      );
      // A draft has its Satzung only, so the demo shows the missing Pflichtanlagen.
      await uploadDemoAttachments(app, scope, a.id, spec.title, spec.outcome.kind === 'DRAFT' ? ['STATUTES'] : DEMO_REQUIRED_ATTACHMENTS_2026);
      if (spec.outcome.kind !== 'DRAFT') {
        clock.set(at(spec.submittedOn, '16:00:00'));
        await submission.submit(scope, a.id);
      }
      created.push({ spec, id: a.id });
    }

    // Prüfung in October and November
    clock.set(at('2025-10-20'));
    const reviewed = created.filter((c) => !['DRAFT', 'SUBMITTED'].includes(c.spec.outcome.kind));
    for (const c of reviewed) {
      await review.startReview(staff, c.id);
      const votum =
        c.spec.outcome.kind === 'IN_REVIEW'
          ? { recommendation: c.spec.outcome.votum, reasons: c.spec.outcome.reasons }
          : c.spec.outcome.kind === 'REJECTED'
            ? { recommendation: 'REJECT' as const, reasons: 'Doppelförderung aus Landesmitteln.' }
            : c.spec.outcome.kind === 'CHANGES_REQUESTED'
              ? null
              : { recommendation: 'APPROVE' as const, reasons: 'Formal vollständig; fachlich im Handlungsfeld begründet; Kosten plausibel.' };
      await review.saveReview(staff, c.id, {
        checklist: APPLICATION_CHECKLIST_CODES.map((code) => ({
          code,
          result: c.spec.outcome.kind === 'CHANGES_REQUESTED' && code === 'SUBJECT_FITS_FIELD' ? 'NOT_OK' : 'OK',
          note: null,
        })),
        votum: votum ? { ...votum, proposedAmount: null } : null,
      });
      if (c.spec.outcome.kind === 'CHANGES_REQUESTED') {
        clock.set(at('2025-10-28'));
        await review.requestChanges(staff, c.id, c.spec.outcome.request);
        clock.set(at('2025-10-20'));
      }
    }

    // Mittelverteilung, resolved by the committee on 3 December
    clock.set(at('2025-11-24'));
    const inRound = created.filter((c) => ['APPROVED', 'REJECTED', 'PROPOSED', 'IN_REVIEW'].includes(c.spec.outcome.kind));
    const requested = new Map<string, Money>();
    for (const c of inRound) requested.set(c.id, (await applications.get(staff, c.id)).requestedAmount);
    await rounds.setItems(
      staff,
      call.id,
      inRound
        .filter((c) => c.spec.outcome.kind !== 'IN_REVIEW')
        .map((c) => ({
          applicationId: c.id,
          proposedAmount: c.spec.outcome.kind === 'REJECTED' ? Money.ZERO : requested.get(c.id)!,
          note: c.spec.outcome.kind === 'REJECTED' ? 'Doppelförderung aus Landesmitteln' : null,
        })),
    );
    clock.set(at('2025-12-04'));
    await rounds.recordResolution(staff, call.id, { body: DEMO_ROUND_2026.resolutionBody, date: DEMO_ROUND_2026.resolutionDate, number: DEMO_ROUND_2026.resolutionNumber });
    await rounds.confirm(staff, call.id);

    // Proposals on 8 December, signatures on 15 December
    clock.set(at('2025-12-08'));
    const toSign: string[] = [];
    for (const c of created) {
      const o = c.spec.outcome;
      if (o.kind === 'APPROVED' || o.kind === 'PROPOSED') {
        const d = await proposals.proposeGrant(staff, c.id, {
          instrument: o.instrument as Instrument,
          financingType: o.financingType,
          fundingRatePercent: o.fundingRatePercent ? Rate.fromPercent(o.fundingRatePercent) : null,
          maxAmount: requested.get(c.id)!,
          specialConditions: o.kind === 'APPROVED' ? o.specialConditions : [],
        });
        if (o.kind === 'APPROVED') toSign.push(d.decision.id);
      } else if (o.kind === 'REJECTED') {
        const d = await proposals.proposeRejection(staff, c.id, { instrument: Instrument.BESCHEID, reasons: o.reasons });
        toSign.push(d.decision.id);
      }
    }
    clock.set(at('2025-12-15', '11:00:00'));
    for (const id of toSign) await approvals.approve(approver, id);
    await replayPayments(app, clock, yearId, staff, approver, providerScope);
    await replayProofs(app, clock, yearId, staff, approver, providerScope);
    await readOlderNotifications(app);
    return created.length;
  }
}

/**
 * The demo Träger have looked at their notifications of last year (Eingang, Bescheid) a couple of
 * hours after each arrived; what came in 2026 is still unread. So the list shows both.
 */
async function readOlderNotifications(app: INestApplicationContext): Promise<void> {
  await app.get(TransactionRunner).manager.query(
    `UPDATE notification n SET read_at = n.created_at + interval '2 hours'
       FROM app_user u
      WHERE u.id = n.user_id AND u.email LIKE '%@demo.foerderfluss.de' AND 'PROVIDER' = ANY(u.roles)
        AND n.read_at IS NULL AND n.created_at < '2026-01-01T00:00:00+01:00'`,
  );
}

/**
 * 2026 so far: the Kreis drew money from the Land, paid the first Abrufe of three projects by one
 * SEPA file, and has further requests waiting in every state of the lifecycle.
 */
async function replayPayments(
  app: INestApplicationContext,
  clock: FixedClock,
  yearId: string,
  staff: Scope,
  approver: Scope,
  providerScope: (code: string) => Scope,
): Promise<void> {
  const requests = app.get(PaymentRequestsService);
  const files = app.get(PaymentFilesService);
  const flows = app.get(StateFlowsService);
  // Inside the replay's transaction: read through it, or the new decisions are invisible.
  const em = app.get(TransactionRunner).manager;
  const decisionOf = async (code: string): Promise<string> => {
    const [row] = (await em.query(
      `SELECT d.id FROM decision d JOIN organisation o ON o.id = d.provider_id
        WHERE o.code = $1 AND d.status = 'IN_FORCE' AND d.budget_year_id = $2 ORDER BY d.reference LIMIT 1`,
      [code, yearId],
    )) as { id: string }[];
    if (!row) throw new Error(`demo seed: no decision for ${code}`);
    return row.id;
  };
  const salaries = (month: string, amount: string): DuePaymentDoc => ({ dueDate: `2026-${month}-28`, payeeType: 'STAFF' as const, costCategory: 'PERSONNEL', description: `Gehälter ${month}/2026`, amount });
  const rent = (month: string, amount: string): DuePaymentDoc => ({ dueDate: `2026-${month}-03`, payeeType: 'SUPPLIER' as const, costCategory: 'MATERIAL_ADMIN', description: `Miete ${month}/2026`, amount });

  clock.set(at('2026-01-05'));
  const drawdown = await flows.requestDrawdown(staff, { budgetYearId: yearId, amount: Money.of('150000.00'), requestedOn: '2026-01-05', reference: 'Mittelabruf 1/2026 beim TLVwA (Demo)', note: null });
  clock.set(at('2026-01-16'));
  await flows.receiveDrawdown(staff, drawdown.id, '2026-01-16');

  const protestant = providerScope('PROVIDER_PROTESTANT_SOCIAL_WORK');
  const catholic = providerScope('PROVIDER_CATHOLIC_SOCIAL_SERVICE');
  const welfare = providerScope('PROVIDER_WELFARE_ASSOCIATION');
  const dProtestant = await decisionOf('PROVIDER_PROTESTANT_SOCIAL_WORK');
  const dCatholic = await decisionOf('PROVIDER_CATHOLIC_SOCIAL_SERVICE');
  const dWelfare = await decisionOf('PROVIDER_WELFARE_ASSOCIATION');

  const submitAndCheck = async (scope: Scope, decisionId: string, amount: string, due: DuePaymentDoc[], valueDate: string) => {
    const r = await requests.create(scope, decisionId, { requestedAmount: Money.of(amount), duePayments: due, dueTotal: null, dueExplanation: null, requestedValueDate: valueDate });
    await requests.submit(scope, r.id);
    return r.id;
  };

  // January: first Abrufe, checked, released, paid by one file
  clock.set(at('2026-01-07'));
  const r1 = await submitAndCheck(protestant, dProtestant, '15000.00', [salaries('01', '12875.00'), rent('02', '800.00'), salaries('02', '12875.00')], '2026-01-12');
  const r2 = await submitAndCheck(welfare, dWelfare, '10000.00', [salaries('01', '4900.00'), salaries('02', '4900.00'), rent('02', '575.00')], '2026-01-12');
  clock.set(at('2026-01-08'));
  for (const id of [r1, r2]) await requests.check(staff, id, null, SACHLICH_RICHTIG.note, SACHLICH_RICHTIG.checklist);
  clock.set(at('2026-01-09'));
  const approved = [await requests.approve(approver, r1), await requests.approve(approver, r2)];
  const file = await files.generate(staff, { disbursementIds: approved.map((a) => a.disbursement.id), executionDate: '2026-01-12', batchBooking: true });
  clock.set(at('2026-01-12', '15:00:00'));
  await files.book(staff, file.id, '2026-01-12');

  // March: one released and waiting for the next file, one checked, one submitted, one draft
  clock.set(at('2026-03-02'));
  // 85 % of the 7.050,00 due within two months (Anteilfinanzierung)
  const r3 = await submitAndCheck(catholic, dCatholic, '5992.50', [salaries('03', '3225.00'), rent('03', '600.00'), salaries('04', '3225.00')], '2026-03-09');
  const r4 = await submitAndCheck(protestant, dProtestant, '16000.00', [salaries('03', '12875.00'), rent('04', '800.00'), salaries('04', '12875.00')], '2026-03-09');
  await submitAndCheck(welfare, dWelfare, '9500.00', [salaries('03', '4900.00'), salaries('04', '4900.00')], '2026-03-16');
  clock.set(at('2026-03-03'));
  await requests.check(staff, r3, null, SACHLICH_RICHTIG.note, SACHLICH_RICHTIG.checklist);
  await requests.check(staff, r4, Money.of('15500.00'), 'Miete April erst im nächsten Abrufzeitraum fällig.', SACHLICH_RICHTIG.checklist);
  clock.set(at('2026-03-04'));
  await requests.approve(approver, r3);
  await requests.create(catholic, dCatholic, { requestedAmount: Money.of('5500.00'), duePayments: [salaries('05', '3225.00'), salaries('06', '3225.00')], dueTotal: null, dueExplanation: null, requestedValueDate: '2026-05-04' });
}
