import type { INestApplicationContext } from '@nestjs/common';
import { CalendarDate, dec, FixedClock, Money, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { DuePaymentDoc, PaymentFilesService, PaymentRequestsService } from '@foerderfluss/payments';
import { SACHLICH_RICHTIG } from './checks';
import { IndicatorValueSeed, narrativeIndicators } from './indicator-values';
import { ParsedReceipt, ProofDraftsService, ProofKind, ProofSubmissionService, Receipt, ReceiptsService, ReviewService, SettlementsService } from '@foerderfluss/proof-of-use';

const at = (day: string, time = '09:00:00'): string => `${day}T${time}+02:00`;

interface DemoReceipt {
  number: string;
  date: string;
  counterparty: string;
  reason: string;
  category: string;
  amount: string;
  position?: string;
}

/**
 * The half-year projects of 2026 through the rest of their lifecycle (DOMAIN §2 steps 5–8):
 * paid in two Abrufe, Verwendungsnachweis with Sachbericht and Belegliste, Prüfung with a sample,
 * Festsetzung under four eyes.
 * - Sprachmittlerpool (Vollfinanzierung, 13.800 €): 150 € moved between lines (within the 20 %),
 *   total as planned, so the grant stays and the decision closes without a recovery.
 * - Lernbegleitung (Fehlbedarf, 15.200 €): the post was vacant for half a month and one course was
 *   smaller; Z = 13.550 €, 1.650 € are recovered, with § 49a (3) interest from the last payout.
 * - Frauencafé (Fehlbedarf, 14.580 €, the main demo Träger's): paid in full in two Abrufe; its
 *   Verwendungsnachweis is due 31.12.2026 and not yet submitted, work the Träger has to do now.
 */
export async function replayProofs(app: INestApplicationContext, clock: FixedClock, yearId: string, staff: Scope, approver: Scope, providerScope: (code: string) => Scope): Promise<void> {
  const requests = app.get(PaymentRequestsService);
  const files = app.get(PaymentFilesService);
  const drafts = app.get(ProofDraftsService);
  const receiptService = app.get(ReceiptsService);
  const submission = app.get(ProofSubmissionService);
  const reviews = app.get(ReviewService);
  const settlements = app.get(SettlementsService);
  const em = app.get(TransactionRunner).manager;
  const decisionOf = async (code: string, title: string): Promise<string> => {
    const [row] = (await em.query(
      `SELECT d.id FROM decision d JOIN organisation o ON o.id = d.provider_id JOIN application a ON a.id = d.application_id
        WHERE o.code = $1 AND a.title = $2 AND d.budget_year_id = $3`,
      [code, title, yearId],
    )) as { id: string }[];
    if (!row) throw new Error(`demo seed: no decision for ${title}`);
    return row.id;
  };

  const pool = { code: 'PROVIDER_MIGRANT_ORGANISATION', scope: providerScope('PROVIDER_MIGRANT_ORGANISATION') };
  const tutoring = { code: 'PROVIDER_YOUTH_WELFARE', scope: providerScope('PROVIDER_YOUTH_WELFARE') };
  const dPool = await decisionOf(pool.code, 'Sprachmittlerpool Behördengänge (1. Halbjahr 2026)');
  const dTutoring = await decisionOf(tutoring.code, 'Lernbegleitung Schmölln (1. Halbjahr 2026)');
  const cafe = { code: 'PROVIDER_PROTESTANT_SOCIAL_WORK', scope: providerScope('PROVIDER_PROTESTANT_SOCIAL_WORK') };
  const dCafe = await decisionOf(cafe.code, 'Frauencafé Meuselwitz (1. Halbjahr 2026)');

  const due = (date: string, payeeType: DuePaymentDoc['payeeType'], costCategory: string, description: string, amount: string): DuePaymentDoc => ({
    dueDate: date,
    payeeType,
    costCategory,
    description,
    amount,
  });
  const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));
  const lastDay = (m: string) => CalendarDate.of(2026, Number(m), 1).endOfMonth().toISOString();

  const payOut = async (requestedOn: string, valueDate: string, items: { scope: Scope; decisionId: string; amount: string; due: DuePaymentDoc[] }[]) => {
    clock.set(at(requestedOn));
    const ids: string[] = [];
    for (const i of items) {
      const r = await requests.create(i.scope, i.decisionId, { requestedAmount: Money.of(i.amount), duePayments: i.due, dueTotal: null, dueExplanation: null, requestedValueDate: valueDate });
      await requests.submit(i.scope, r.id);
      ids.push(r.id);
    }
    clock.set(at(CalendarDate.parse(requestedOn).addDays(1).toISOString()));
    for (const id of ids) await requests.check(staff, id, null, SACHLICH_RICHTIG.note, SACHLICH_RICHTIG.checklist);
    clock.set(at(CalendarDate.parse(requestedOn).addDays(2).toISOString()));
    const disbursements = [];
    for (const id of ids) disbursements.push((await requests.approve(approver, id)).disbursement.id);
    const file = await files.generate(staff, { disbursementIds: disbursements, executionDate: valueDate, batchBooking: true });
    clock.set(at(valueDate, '15:00:00'));
    await files.book(staff, file.id, valueDate);
  };

  // Sprachmittlung 2.000 € + Koordination 300 € a month (100 %); Lernbegleitung 2.100 € salary + 150 € rent a month, courses at Easter and Whitsun (95 %).
  const poolDue = (ms: string[]) => ms.flatMap((m) => [due(lastDay(m), 'CONTRACTOR', 'INTERPRETING', `Sprachmittlung ${m}/2026`, '2000.00'), due(lastDay(m), 'SUPPLIER', 'MATERIAL_ADMIN', `Koordination ${m}/2026`, '300.00')]);
  // Frauencafé (Fehlbedarf, 90 %): 2.100 € salary, 400 € room and childcare, 200 € Sprachmittlung a month.
  const cafeDue = (ms: string[]) =>
    ms.flatMap((m) => [
      due(lastDay(m), 'STAFF', 'PERSONNEL', `Gehalt ${m}/2026`, '2100.00'),
      due(`2026-${m}-03`, 'SUPPLIER', 'MATERIAL_ADMIN', `Raummiete und Kinderbetreuung ${m}/2026`, '400.00'),
      due(lastDay(m), 'CONTRACTOR', 'INTERPRETING', `Sprachmittlung ${m}/2026`, '200.00'),
    ]);
  const tutoringDue = (ms: string[]) => ms.flatMap((m) => [due(lastDay(m), 'STAFF', 'PERSONNEL', `Gehalt ${m}/2026`, '2100.00'), due(`2026-${m}-03`, 'SUPPLIER', 'MATERIAL_ADMIN', `Raummiete ${m}/2026`, '150.00')]);
  await payOut('2026-03-09', '2026-03-13', [
    { ...pool, decisionId: dPool, amount: '9200.00', due: poolDue(months(1, 4)) },
    { ...tutoring, decisionId: dTutoring, amount: '9690.00', due: [...tutoringDue(months(1, 4)), due('2026-04-10', 'CONTRACTOR', 'FEES', 'Osterferienkurs', '1200.00')] },
    { ...cafe, decisionId: dCafe, amount: '9720.00', due: cafeDue(months(1, 4)) },
  ]);
  await payOut('2026-05-11', '2026-05-15', [
    { ...pool, decisionId: dPool, amount: '4600.00', due: poolDue(months(5, 6)) },
    {
      ...tutoring,
      decisionId: dTutoring,
      amount: '5510.00',
      due: [...tutoringDue(months(5, 6)), due('2026-05-29', 'CONTRACTOR', 'FEES', 'Pfingstferienkurs', '1200.00'), due('2026-05-20', 'SUPPLIER', 'MATERIAL_ADMIN', 'Lernmaterial', '100.00')],
    },
    { ...cafe, decisionId: dCafe, amount: '4860.00', due: cafeDue(months(5, 6)) },
  ]);

  const submitProof = async (
    scope: Scope,
    decisionId: string,
    day: string,
    narrative: { measure: string; goalsAchieved: string; targetGroupReached: string; deviations: string; indicators: readonly IndicatorValueSeed[] },
    actuals: Record<string, string>,
    ownFunds: string,
    receipts: DemoReceipt[],
  ): Promise<string> => {
    clock.set(at(day));
    const proof = await drafts.create(scope, decisionId, ProofKind.FINAL, null);
    for (const r of receipts) {
      const parsed: ParsedReceipt = {
        position: null,
        receiptNumber: r.number,
        receiptDate: CalendarDate.parse(r.date),
        paymentDate: CalendarDate.parse(r.date),
        counterparty: r.counterparty,
        reason: r.reason,
        direction: 'EXPENSE',
        costCategory: r.category,
        grossAmount: Money.of(r.amount),
        vatAmount: null,
        projectSharePercent: dec(100),
        eligibleAmount: null,
        personnelPosition: r.position ?? null,
      };
      await receiptService.addReceipt(scope, proof.id, parsed);
    }
    // The Ist per line follows the Belegliste; the figures stated here are what the Belege give.
    await drafts.update(scope, proof.id, {
      narrative: { ...narrative, indicators: await narrativeIndicators(em, narrative.indicators) },
      figures: {
        costLines: proof.figures.costLines.map((l) => ({ ...l, actual: actuals[l.category]! })),
        ownFunds,
        thirdPartyFunds: '0.00',
      },
    });
    clock.set(at(day, '16:00:00'));
    await submission.submit(scope, proof.id);
    return proof.id;
  };

  const check = async (proofId: string, day: string, seed: string, conclusion: string) => {
    clock.set(at(day));
    await reviews.start(staff, proofId);
    await reviews.saveCursory(staff, proofId, { complete: true, plausible: true, purposeAchieved: true, notes: 'Sachbericht und zahlenmäßiger Nachweis schlüssig.' });
    await reviews.drawSample(staff, proofId, seed);
    const sampled = await em.getRepository(Receipt).find({ where: { proofId, inSample: true }, order: { position: 'ASC' } });
    for (const r of sampled) await reviews.decideReceipt(staff, proofId, r.id, 'RECOGNISED', null, null);
    await reviews.complete(staff, proofId, conclusion);
  };

  // Sprachmittlerpool: submitted in July, checked and settled in September.
  const poolReceipts: DemoReceipt[] = months(1, 6).flatMap((m) => [
    { number: `SM-2026-${m}`, date: `2026-${m}-28`, counterparty: 'Sprachmittlung Mitteldeutschland eG', reason: `Sprachmittlung ${m}/2026`, category: 'INTERPRETING', amount: '2025.00' },
    { number: `KO-2026-${m}`, date: `2026-${m}-28`, counterparty: 'Koordinationspauschale lt. Vereinbarung', reason: `Koordination ${m}/2026`, category: 'MATERIAL_ADMIN', amount: '275.00' },
  ]);
  const poolProof = await submitProof(
    pool.scope,
    dPool,
    '2026-07-20',
    {
      measure: '312 begleitete Termine bei Jobcenter, Ausländerbehörde und Wohngeldstelle in vier Sprachen.',
      goalsAchieved: 'Alle angefragten Termine konnten mit Sprachmittlung wahrgenommen werden.',
      targetGroupReached: 'Anerkannte Geflüchtete aus Meuselwitz, Lucka und Rositz.',
      deviations: 'Mehr Sprachmittlung (+150 €, +1,25 %), dafür weniger Koordinationskosten (−150 €); Gesamtausgaben wie geplant.',
      // 12.150 € Sprachmittlung at 25 € an hour.
      indicators: [['ADMINISTRATION_INTERCULTURAL_OPENING', 'LANGUAGE_MEDIATION_HOURS', 486]],
    },
    { INTERPRETING: '12150.00', MATERIAL_ADMIN: '1650.00' },
    '0.00',
    poolReceipts,
  );
  await check(poolProof, '2026-09-01', 'FF-2026-VN-Sprachmittlerpool', 'Verwendung nachgewiesen. Umschichtung zwischen den Ansätzen innerhalb von 20 %; Zuwendung in voller Höhe festgesetzt, keine Rückforderung.');
  clock.set(at('2026-09-03'));
  const poolSettlement = await settlements.propose(staff, poolProof, null, 'Verwendung vollständig nachgewiesen; die Umschichtung bleibt innerhalb der 20-%-Toleranz. Festsetzung in voller Höhe, keine Rückforderung.');
  clock.set(at('2026-09-07'));
  await settlements.approve(approver, poolSettlement.id);

  // Lernbegleitung: submitted in August, checked in September, settled in October with a recovery.
  const salary = (m: string, amount: string): DemoReceipt => ({ number: `LJ-2026-${m}`, date: `2026-${m}-28`, counterparty: 'Personalkosten lt. Lohnjournal', reason: `Gehalt Lernbegleitung ${m}/2026`, category: 'PERSONNEL', amount, position: 'Lernbegleitung' });
  const tutoringReceipts: DemoReceipt[] = [
    ...months(1, 5).map((m) => salary(m, '2100.00')),
    salary('06', '1050.00'),
    ...months(1, 6).map((m) => ({ number: `MI-2026-${m}`, date: `2026-${m}-03`, counterparty: 'Stadt Schmölln, Liegenschaften', reason: `Raummiete ${m}/2026`, category: 'MATERIAL_ADMIN', amount: '150.00' })),
    { number: 'RE-4711', date: '2026-05-20', counterparty: 'Schulbuchhandlung Schmölln', reason: 'Lernmaterial', category: 'MATERIAL_ADMIN', amount: '100.00' },
    { number: 'HON-01', date: '2026-04-10', counterparty: 'Honorarkraft Ferienkurs Ostern', reason: 'Osterferienkurs', category: 'FEES', amount: '900.00' },
    { number: 'HON-02', date: '2026-05-29', counterparty: 'Honorarkraft Ferienkurs Pfingsten', reason: 'Pfingstferienkurs', category: 'FEES', amount: '900.00' },
  ];
  const tutoringProof = await submitProof(
    tutoring.scope,
    dTutoring,
    '2026-08-14',
    {
      measure: 'Lernbegleitung an zwei Nachmittagen je Woche, zwei Ferienkurse, Elternsprechstunde.',
      goalsAchieved: 'Versetzung aller begleiteten Schülerinnen und Schüler; acht Übergänge in Ausbildung beraten.',
      targetGroupReached: 'Geflüchtete Kinder und Jugendliche aus Schmölln und dem Sprottental.',
      deviations: 'Die Stelle war im Juni zur Hälfte unbesetzt; die Ferienkurse waren kleiner als geplant.',
      // 27 Schülerinnen und Schüler, 64 Elterngespräche, two Ferienkurse
      indicators: [
        ['LANGUAGE_EDUCATION', 'PERSONS_COUNSELLED', 27],
        ['LANGUAGE_EDUCATION', 'CONSULTATIONS', 64],
        ['LANGUAGE_EDUCATION', 'COURSES', 2],
      ],
    },
    { PERSONNEL: '11550.00', MATERIAL_ADMIN: '1000.00', FEES: '1800.00' },
    '800.00',
    tutoringReceipts,
  );
  await check(tutoringProof, '2026-09-21', 'FF-2026-VN-Lernbegleitung', 'Verwendung nachgewiesen. Minderausgaben 1.650 € (Personal, Honorare); Rückforderung mit Zinsen nach § 49a Abs. 3 VwVfG.');
  clock.set(at('2026-10-05'));
  const tutoringSettlement = await settlements.propose(
    staff,
    tutoringProof,
    '2026-11-06',
    'Minderausgaben bei Personal (Stelle im Juni zur Hälfte unbesetzt) und Honoraren; Bagatellgrenze überschritten. Festsetzung auf die nachgewiesenen Ausgaben, Rückforderung mit Zinsen nach § 49a Abs. 3 VwVfG.',
  );
  clock.set(at('2026-10-07'));
  await settlements.approve(approver, tutoringSettlement.id);
}
