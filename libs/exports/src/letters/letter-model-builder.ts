import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CalendarDate, decimalText, Money, Rate } from '@foerderfluss/core';
import { User } from '@foerderfluss/identity';
import { type DistrictLetterhead, DistrictSettingsService, Organisation } from '@foerderfluss/organisations';
import { ParametersService } from '@foerderfluss/programmes';
import { FinancingPlanDoc } from '@foerderfluss/applications';
import { Decision, DecisionOutcome, DecisionVersion, Instrument, VersionKind, VersionStatus } from '@foerderfluss/decisions';
import { ProofKind, RecoveriesService, Recovery, ReviewService, Settlement } from '@foerderfluss/proof-of-use';
import type {
  AmendmentChange,
  AmendmentLetterModel,
  CaseOfficer,
  ContractAmendmentModel,
  DunningLetterModel,
  CursoryCheckResult,
  ForwardingContractModel,
  GrantDecisionLetterModel,
  GrantTerms,
  LetterFinancingPlan,
  Letterhead,
  LetterParameters,
  LetterRecipient,
  ProgrammeReference,
  ProofReviewRecordModel,
  ReceiptConfirmationModel,
  RecoveryLetterModel,
  RejectionLetterModel,
  ReviewOutcome,
  RevocationLetterModel,
  SettlementLetterModel,
} from './letter-models';
import { LetterKind } from './generated-document.entity';
import { LetterModelError } from './letters.errors';
import { LetterModelRepository } from './letter-model.repository';
import { renderAblehnungsbescheid } from './rejection-letter';
import { renderAenderungsbescheid } from './amendment-letter';
import { renderPruefvermerk } from './proof-review-record';
import { renderEingangsbestaetigung } from './receipt-confirmation-letter';
import { renderRueckforderungsbescheid } from './recovery-letter';
import { renderWeiterleitungsvertrag } from './forwarding-contract';
import { renderZuwendungsbescheid } from './grant-decision-letter';
import { renderAenderungsvertrag } from './contract-amendment';
import { renderWiderrufsbescheid } from './revocation-letter';
import { renderMahnung } from './dunning-letter';
import { renderFestsetzungsbescheid } from './settlement-letter';
import type { RenderOptions } from './pdf-engine';

/** A model ready to render, with the renderer that takes it. */
export interface BuiltLetter {
  model: object;
  render: (letterhead: Letterhead, options?: RenderOptions) => Promise<Buffer>;
  /** The letterhead of the record's Kreis (its DistrictSetting, issue 20): what `render` is to be given. */
  letterhead: Letterhead;
}

/** What a generated_document row points at. */
export interface LetterSource {
  kind: LetterKind;
  /** The record's Kreis; absent: read from the decision (or the Antrag). */
  districtId?: string | null;
  /** Null only for an Eingangsbestätigung (then `applicationId` and `versionNo` name the submitted version). */
  decisionId: string | null;
  applicationId?: string | null;
  versionNo?: number | null;
  decisionVersionId: string | null;
  recoveryId: string | null;
  proofId: string | null;
  /** The Mahnung of a DUNNING letter. */
  dunningId?: string | null;
  /**
   * A preview of what approval would issue (issue 16; LetterPreviewService), never stored: the
   * proposed decision version dated as if approved today, or the Festsetzung with the Rückforderung
   * its approval would open. Every builder reads the decision through `context(…, draft.version)`.
   */
  draft?: { version?: DecisionVersion; recovery?: { recovery: Recovery; settlement: Settlement } };
}

/**
 * The letter an approved decision version gets (null while not approved): every decision the
 * Kreis issues has one (see README.md).
 */
export function letterKindForVersion(decision: Pick<Decision, 'outcome' | 'instrument'>, version: Pick<DecisionVersion, 'kind' | 'status'>): LetterKind | null {
  if (version.status !== VersionStatus.APPROVED) return null;
  switch (version.kind) {
    case VersionKind.ORIGINAL:
      if (decision.outcome === DecisionOutcome.REJECTION) return LetterKind.REJECTION;
      return decision.instrument === Instrument.VERTRAG ? LetterKind.FORWARDING_CONTRACT : LetterKind.GRANT_DECISION;
    case VersionKind.AMENDMENT:
      // A contract is changed by contract (§ 57 ThürVwVfG), a Bescheid by Bescheid.
      return decision.instrument === Instrument.VERTRAG ? LetterKind.CONTRACT_AMENDMENT : LetterKind.AMENDMENT;
    case VersionKind.REVOCATION:
      return LetterKind.REVOCATION;
    default:
      return null;
  }
}

const FINANCING_TYPE_DE: Record<string, string> = {
  SHARE: 'Anteilfinanzierung',
  DEFICIT: 'Fehlbedarfsfinanzierung',
  FULL: 'Vollfinanzierung',
  FIXED: 'Festbetragsfinanzierung',
};

/**
 * Fills the letter models of libs/exports/src/letters from the database: the decision and its
 * versions, the application, the Träger, the programme and its parameters, the budget year (the
 * Land's Bescheid to the Kreis), the recovery with its § 49a (3) interest, and the Prüfvermerk with
 * sample and settlement lines. Every date on a letter is a date of the record (approval day,
 * Festsetzung, completion of the review), so rendering again gives the same bytes.
 */
@Injectable()
export class LetterModelBuilder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly parameters: ParametersService,
    private readonly recoveries: RecoveriesService,
    private readonly reviews: ReviewService,
    private readonly read: LetterModelRepository,
    private readonly districts: DistrictSettingsService,
  ) {}

  /** The Kreis letterhead a build runs with (per call, so concurrent renders of different Kreise never mix). */
  private readonly head = new AsyncLocalStorage<DistrictLetterhead>();

  /** The letterhead (and signature place) of the letter being built; the configuration outside a build. */
  private get h(): DistrictLetterhead {
    return this.head.getStore() ?? { ...this.config.letterhead, officeHours: [...this.config.letterhead.officeHours], place: this.config.letterhead.city, representedBy: null };
  }

  /** The letterhead of a Kreis: its settings, with the configuration as the home Kreis's fallback. */
  async letterheadOf(districtId: string, em?: EntityManager): Promise<Letterhead> {
    const s = await this.districts.effective(districtId, em);
    return toLetterhead(s.letterhead, s.debtor);
  }

  /** The configured letterhead (the home Kreis's as before issue 20). */
  letterhead(): Letterhead {
    const h = this.config.letterhead;
    return {
      name: h.name,
      department: h.department,
      districtName: h.districtName,
      authorityName: h.authorityName,
      address: { street: h.street, postalCode: h.postalCode, city: h.city },
      phone: h.phone,
      email: h.email,
      website: h.website,
      bankAccounts: [
        {
          bankName: h.bankName,
          iban: this.config.districtDebtorIban,
          bic: this.config.districtDebtorBic ?? '',
          accountHolder: this.config.districtDebtorName,
        },
      ],
      officeHours: [...h.officeHours],
    };
  }

  async build(em: EntityManager, source: LetterSource): Promise<BuiltLetter> {
    const districtId = source.districtId ?? (source.decisionId ? (await this.read.decision(em, source.decisionId)).districtId : (await this.read.application(em, source.applicationId!)).districtId);
    const settings = await this.districts.effective(districtId, em);
    const letterhead = toLetterhead(settings.letterhead, settings.debtor);
    const built = await this.head.run(settings.letterhead, () => this.buildModel(em, source));
    return { ...built, letterhead };
  }

  private async buildModel(em: EntityManager, source: LetterSource): Promise<Omit<BuiltLetter, 'letterhead'>> {
    switch (source.kind) {
      case LetterKind.GRANT_DECISION: {
        const model = await this.grantDecision(em, source);
        return { model, render: (h, o) => renderZuwendungsbescheid(model, h, o) };
      }
      case LetterKind.FORWARDING_CONTRACT: {
        const model = await this.forwardingContract(em, source);
        return { model, render: (h, o) => renderWeiterleitungsvertrag(model, h, o) };
      }
      case LetterKind.AMENDMENT: {
        const model = await this.amendment(em, source);
        return { model, render: (h, o) => renderAenderungsbescheid(model, h, o) };
      }
      case LetterKind.REJECTION: {
        const model = await this.rejection(em, source);
        return { model, render: (h, o) => renderAblehnungsbescheid(model, h, o) };
      }
      case LetterKind.RECOVERY: {
        const model = await this.recovery(em, source);
        return { model, render: (h, o) => renderRueckforderungsbescheid(model, h, o) };
      }
      case LetterKind.PROOF_REVIEW: {
        const model = await this.proofReview(em, source);
        return { model, render: (h, o) => renderPruefvermerk(model, h, o) };
      }
      case LetterKind.RECEIPT_CONFIRMATION: {
        const model = await this.receiptConfirmation(em, source);
        return { model, render: (h, o) => renderEingangsbestaetigung(model, h, o) };
      }
      case LetterKind.CONTRACT_AMENDMENT: {
        const model = await this.contractAmendment(em, source);
        return { model, render: (h) => renderAenderungsvertrag(model, h) };
      }
      case LetterKind.REVOCATION: {
        const model = await this.revocation(em, source);
        return { model, render: (h) => renderWiderrufsbescheid(model, h) };
      }
      case LetterKind.DUNNING: {
        const model = await this.dunning(em, source);
        return { model, render: (h) => renderMahnung(model, h) };
      }
      case LetterKind.SETTLEMENT: {
        const model = await this.settlement(em, source);
        return { model, render: (h) => renderFestsetzungsbescheid(model, h) };
      }
      default:
        throw new LetterModelError('kind', `unbekannte Art ${String(source.kind)}`);
    }
  }

  // ───────────────────────────── decision letters ─────────────────────────────

  private async grantDecision(em: EntityManager, source: LetterSource): Promise<GrantDecisionLetterModel> {
    const c = await this.context(em, source.decisionId, source.decisionVersionId, source.draft?.version);
    return {
      ...(await this.base(em, c.decision.reference, c.version.decisionDate!, c.provider, c.version.proposedBy, c.version.approvedBy)),
      applicationDate: this.dateOf(c.application.firstSubmittedAt ?? c.application.createdAt),
      versionNo: c.version.versionNo!,
      programme: c.programme,
      grant: await this.grantTerms(em, c),
      plan: await this.plan(em, c.version.approvedPlan),
      conditions: { general: [...c.version.conditions.general], special: [...c.version.conditions.special] },
      deadlines: this.deadlines(c.version),
      parameters: await this.letterParameters(c),
    };
  }

  private async forwardingContract(em: EntityManager, source: LetterSource): Promise<ForwardingContractModel> {
    const c = await this.context(em, source.decisionId, source.decisionVersionId, source.draft?.version);
    const approver = await this.user(em, c.version.approvedBy);
    return {
      reference: c.decision.reference,
      documentDate: c.version.decisionDate!,
      provider: this.recipient(c.provider),
      providerRepresentedBy: c.provider.contactName ? `den Vorstand, dieser vertreten durch ${c.provider.contactName}` : 'den Vorstand',
      applicationDate: this.dateOf(c.application.firstSubmittedAt ?? c.application.createdAt),
      versionNo: c.version.versionNo!,
      programme: c.programme,
      grant: await this.grantTerms(em, c),
      plan: await this.plan(em, c.version.approvedPlan),
      conditions: { general: [...c.version.conditions.general], special: [...c.version.conditions.special] },
      deadlines: this.deadlines(c.version),
      parameters: await this.letterParameters(c),
      officer: await this.officer(em, c.version.proposedBy),
      districtSignature: { ...(approver ? { name: approver.displayName } : {}), place: this.h.place },
      providerSignature: c.provider.contactName ? { name: c.provider.contactName } : {},
    };
  }

  private async amendment(em: EntityManager, source: LetterSource): Promise<AmendmentLetterModel> {
    const c = await this.context(em, source.decisionId, source.decisionVersionId, source.draft?.version);
    const versionNo = c.version.versionNo!;
    const previous = c.versions.find((v) => v.versionNo === versionNo - 1);
    const original = c.versions.find((v) => v.versionNo === 1);
    if (!previous || !original) throw new LetterModelError('previousVersionNo', `Fassung ${versionNo - 1} fehlt`);
    const lastAmendment = c.versions
      .filter((v) => v.versionNo !== null && v.versionNo > 1 && v.versionNo < versionNo)
      .sort((a, b) => b.versionNo! - a.versionNo!)[0];
    return {
      ...(await this.base(em, c.decision.reference, c.version.decisionDate!, c.provider, c.version.proposedBy, c.version.approvedBy)),
      programme: c.programme,
      projectTitle: c.application.title,
      originalDecisionDate: original.decisionDate!,
      ...(lastAmendment?.decisionDate ? { lastAmendmentDate: lastAmendment.decisionDate } : {}),
      previousVersionNo: versionNo - 1,
      newVersionNo: versionNo,
      changes: versionChanges(previous, c.version),
      newMaxAmount: c.version.maxAmount.toApiString(),
      newSourceSplit: { stateShare: c.version.stateShare.toApiString(), districtShare: c.version.districtShare.toApiString() },
      reasons: paragraphs(c.version.reason),
    };
  }

  /** Version n+1 of a Weiterleitungsvertrag, with the versions n and 1 it changes. */
  private async contractAmendment(em: EntityManager, source: LetterSource): Promise<ContractAmendmentModel> {
    const c = await this.context(em, source.decisionId, source.decisionVersionId, source.draft?.version);
    const { previous, original, lastAmendment } = this.earlierVersions(c.versions, c.version.versionNo!);
    const approver = await this.user(em, c.version.approvedBy);
    return {
      reference: c.decision.reference,
      documentDate: c.version.decisionDate!,
      provider: this.recipient(c.provider),
      providerRepresentedBy: c.provider.contactName ? `den Vorstand, dieser vertreten durch ${c.provider.contactName}` : 'den Vorstand',
      programme: c.programme,
      projectTitle: c.application.title,
      originalContractDate: original.decisionDate!,
      ...(lastAmendment?.decisionDate ? { lastAmendmentDate: lastAmendment.decisionDate } : {}),
      previousVersionNo: previous.versionNo!,
      newVersionNo: c.version.versionNo!,
      changes: versionChanges(previous, c.version),
      newMaxAmount: c.version.maxAmount.toApiString(),
      newSourceSplit: { stateShare: c.version.stateShare.toApiString(), districtShare: c.version.districtShare.toApiString() },
      reasons: paragraphs(c.version.reason),
      officer: await this.officer(em, c.version.proposedBy),
      districtSignature: { ...(approver ? { name: approver.displayName } : {}), place: this.h.place },
      providerSignature: c.provider.contactName ? { name: c.provider.contactName } : {},
    };
  }

  /** Widerruf (BESCHEID) or Kündigung (VERTRAG): the approved REVOCATION version against the one before. */
  private async revocation(em: EntityManager, source: LetterSource): Promise<RevocationLetterModel> {
    const c = await this.context(em, source.decisionId, source.decisionVersionId, source.draft?.version);
    const { previous, original, lastAmendment } = this.earlierVersions(c.versions, c.version.versionNo!);
    return {
      ...(await this.base(em, c.decision.reference, c.version.decisionDate!, c.provider, c.version.proposedBy, c.version.approvedBy)),
      instrument: c.decision.instrument,
      programme: c.programme,
      projectTitle: c.application.title,
      periodStart: c.version.periodStart,
      periodEnd: c.version.periodEnd,
      originalDecisionDate: original.decisionDate!,
      ...(lastAmendment?.decisionDate ? { lastAmendmentDate: lastAmendment.decisionDate } : {}),
      previousVersionNo: previous.versionNo!,
      newVersionNo: c.version.versionNo!,
      previousMaxAmount: previous.maxAmount.toApiString(),
      newMaxAmount: c.version.maxAmount.toApiString(),
      newSourceSplit: { stateShare: c.version.stateShare.toApiString(), districtShare: c.version.districtShare.toApiString() },
      // The day it takes effect as proposed; without one, the day it was issued.
      effectiveDate: c.version.effectiveDate ?? c.version.decisionDate!,
      recoveryAmount: (c.version.recoveryAmount ?? Money.ZERO).toApiString(),
      reasons: paragraphs(c.version.reason),
      parameters: { interestSurchargePercentagePoints: (await this.letterParameters(c)).interestSurchargePercentagePoints },
    };
  }

  /** Version n−1 (the one changed), version 1 and the latest amendment before n. */
  private earlierVersions(versions: DecisionVersion[], versionNo: number) {
    const previous = versions.find((v) => v.versionNo === versionNo - 1);
    const original = versions.find((v) => v.versionNo === 1);
    if (!previous || !original) throw new LetterModelError('previousVersionNo', `Fassung ${versionNo - 1} fehlt`);
    const lastAmendment = versions.filter((v) => v.versionNo !== null && v.versionNo > 1 && v.versionNo < versionNo).sort((a, b) => b.versionNo! - a.versionNo!)[0];
    return { previous, original, lastAmendment };
  }

  private async rejection(em: EntityManager, source: LetterSource): Promise<RejectionLetterModel> {
    const c = await this.context(em, source.decisionId, source.decisionVersionId, source.draft?.version);
    return {
      ...(await this.base(em, c.decision.reference, c.version.decisionDate!, c.provider, c.version.proposedBy, c.version.approvedBy)),
      programme: c.programme,
      applicationDate: this.dateOf(c.application.firstSubmittedAt ?? c.application.createdAt),
      projectTitle: c.application.title,
      requestedAmount: c.application.requestedAmount.toApiString(),
      periodStart: c.version.periodStart,
      periodEnd: c.version.periodEnd,
      reasons: paragraphs(c.version.reason),
    };
  }

  // ───────────────────────────── Eingangsbestätigung ─────────────────────────────

  /** Dated the day the version arrived, signed in the name of the authority (nobody signed it by hand). */
  private async receiptConfirmation(em: EntityManager, source: LetterSource): Promise<ReceiptConfirmationModel> {
    if (!source.applicationId || !source.versionNo) throw new LetterModelError('applicationId', 'eine Eingangsbestätigung braucht Antrag und Fassung');
    const version = await this.read.applicationVersion(em, source.applicationId, source.versionNo);
    const application = await this.read.application(em, source.applicationId);
    const call = await this.read.fundingCall(em, application.callId);
    const year = await this.read.budgetYear(em, call.budgetYearId);
    const programme = await this.read.programme(em, year.programmeId);
    const provider = await this.read.organisation(em, application.providerId);
    const snapshot = version.snapshot as { title?: string; periodStart?: string; periodEnd?: string; totals?: { requestedAmount?: string } };
    const receivedOn = this.dateOf(version.submittedAt);
    return {
      reference: application.reference,
      letterDate: receivedOn,
      recipient: this.recipient(provider),
      officer: { name: this.h.department, phone: this.h.phone },
      signatory: { name: this.h.authorityName },
      programme: {
        guidelineTitle: programme.title,
        ...(programme.publication ? { guidelineCitation: programme.publication } : {}),
        stateAuthority: programme.grantingAuthorityName,
      },
      applicationReference: application.reference,
      receivedOn,
      versionNo: version.versionNo,
      projectTitle: snapshot.title ?? application.title,
      requestedAmount: snapshot.totals?.requestedAmount ?? application.requestedAmount.toApiString(),
      periodStart: snapshot.periodStart ?? application.periodStart,
      periodEnd: snapshot.periodEnd ?? application.periodEnd,
      callTitle: call.title,
    };
  }

  // ───────────────────────────── Rückforderung ─────────────────────────────

  private async recovery(em: EntityManager, source: LetterSource): Promise<RecoveryLetterModel> {
    const draft = source.draft?.recovery;
    const recovery = draft?.recovery ?? (await this.read.recovery(em, source.recoveryId!));
    const settlement = draft?.settlement ?? (await this.read.settlement(em, recovery.settlementId));
    const proof = await this.read.proof(em, settlement.proofId);
    const c = await this.context(em, recovery.decisionId, null);
    const letterDate = settlement.decisionDate!;
    // A draft Rückforderung has no id and no repayments yet.
    const repayments = (draft ? [] : await this.read.repayments(em, recovery.id)).filter(
      (r) => r.receivedOn <= letterDate,
    );
    // Interest accrued to the letter's date with the Basiszinssätze known (never fails for a
    // half-year whose rate is not yet published); it keeps running until payment.
    const interest = await this.recoveries.computeInterest(recovery, repayments, CalendarDate.parse(letterDate));
    const segments = interest.pieces.flatMap((p) => p.segments);
    const interestNotes = [
      ...(interest.computedUntil && interest.computedUntil.isBefore(interest.asOf) ? [interest.computedUntilReason] : []),
      ...interest.parts
        .filter((p) => p.paidOn === null)
        .map((p) => `Der Teilbetrag von ${p.amount.formatEur()} aus einer freigegebenen, noch nicht gebuchten Auszahlung wird vom Tag nach ihrer Buchung an verzinst.`),
    ];
    const calc = settlement.calculation as { flags?: { message: string }[]; recognisedCosts?: string; plannedCosts?: string };
    const reasons = [
      `Mit dem Verwendungsnachweis vom ${CalendarDate.parse(this.dateOf(proof.submittedAt ?? proof.createdAt)).toGermanString()} wurden zuwendungsfähige Ausgaben nachgewiesen; anerkannt wurden ${settlement.recognisedCosts.formatEur()}${calc.plannedCosts ? ` (Finanzierungsplan: ${Money.of(calc.plannedCosts).round().formatEur()})` : ''}.`,
      ...(calc.flags ?? []).map((f) => f.message),
      `Die Zuwendung wird daher auf ${settlement.finalGrant.formatEur()} festgesetzt; ausgezahlt wurden ${settlement.paidAmount.formatEur()}.`,
    ];
    const first = c.versions.find((v) => v.versionNo === 1)!;
    const lastAmendment = c.versions.filter((v) => v.versionNo !== null && v.versionNo > 1).sort((a, b) => b.versionNo! - a.versionNo!)[0];
    return {
      ...(await this.base(em, c.decision.reference, letterDate, c.provider, settlement.proposedBy, settlement.approvedBy)),
      instrument: recovery.instrument,
      programme: c.programme,
      projectTitle: c.application.title,
      periodStart: c.version.periodStart,
      periodEnd: c.version.periodEnd,
      decisionDate: first.decisionDate!,
      ...(lastAmendment?.decisionDate ? { lastAmendmentDate: lastAmendment.decisionDate } : {}),
      proofReceivedDate: this.dateOf(proof.submittedAt ?? proof.createdAt),
      maxAmount: c.version.maxAmount.toApiString(),
      recognisedCosts: settlement.recognisedCosts.toApiString(),
      finalGrant: settlement.finalGrant.toApiString(),
      paidAmount: settlement.paidAmount.toApiString(),
      recoveryAmount: recovery.principal.toApiString(),
      dueDate: recovery.dueDate,
      legalGround: 'CONDITION',
      reasons,
      ...(segments.length > 0
        ? {
            interest: {
              calculatedUntil: (interest.computedUntil ?? interest.asOf).toISOString(),
              segments: segments.map((s) => ({
                from: s.from.toISOString(),
                to: s.to.toISOString(),
                days: s.days,
                ratePercent: decimalText(s.ratePercent),
                principal: s.principal.toExactString(),
                amount: s.amount.toExactString(),
              })),
              // The renderer checks: Σ of the printed segments, rounded once.
              total: Money.sum(segments.map((s) => s.amount)).round().toApiString(),
            },
          }
        : {}),
      ...(interestNotes.length > 0 ? { interestNotes } : {}),
      parameters: { interestSurchargePercentagePoints: (await this.letterParameters(c)).interestSurchargePercentagePoints },
    };
  }

  // ───────────────────────────── Festsetzung ─────────────────────────────

  /** The approved Festsetzung of the proof, dated the day of its approval, signed by its approver. */
  private async settlement(em: EntityManager, source: LetterSource): Promise<SettlementLetterModel> {
    if (!source.proofId) throw new LetterModelError('proofId', 'eine Festsetzung gehört zu einem Verwendungsnachweis');
    const proof = await this.read.proof(em, source.proofId);
    const settlement = await this.read.approvedSettlementOf(em, proof.id);
    if (!settlement?.decisionDate) throw new LetterModelError('settlement', 'die Festsetzung ist nicht freigegeben');
    const c = await this.context(em, settlement.decisionId, null);
    const first = c.versions.find((v) => v.versionNo === 1)!;
    const lastAmendment = c.versions.filter((v) => v.versionNo !== null && v.versionNo > 1).sort((a, b) => b.versionNo! - a.versionNo!)[0];
    const calc = settlement.calculation as { flags?: { message: string }[] };
    return {
      ...(await this.base(em, c.decision.reference, settlement.decisionDate, c.provider, settlement.proposedBy, settlement.approvedBy)),
      instrument: c.decision.instrument,
      programme: c.programme,
      projectTitle: c.application.title,
      periodStart: c.version.periodStart,
      periodEnd: c.version.periodEnd,
      decisionDate: first.decisionDate!,
      ...(lastAmendment?.decisionDate ? { lastAmendmentDate: lastAmendment.decisionDate } : {}),
      proofReceivedDate: this.dateOf(proof.submittedAt ?? proof.createdAt),
      // The Höchstbetrag before the Festsetzung set it to Z: the approved version's.
      maxAmount: c.version.maxAmount.toApiString(),
      recognisedCosts: settlement.recognisedCosts.toApiString(),
      finalGrant: settlement.finalGrant.toApiString(),
      paidAmount: settlement.paidAmount.toApiString(),
      reasons: [
        `Mit dem Verwendungsnachweis vom ${CalendarDate.parse(this.dateOf(proof.submittedAt ?? proof.createdAt)).toGermanString()} wurden zuwendungsfähige Ausgaben von ${settlement.recognisedCosts.formatEur()} anerkannt.`,
        ...(calc.flags ?? []).map((f) => f.message),
        `Daraus ergibt sich eine Zuwendung von ${settlement.finalGrant.formatEur()}; ausgezahlt wurden ${settlement.paidAmount.formatEur()}.`,
      ],
    };
  }

  // ───────────────────────────── Mahnung ─────────────────────────────

  /**
   * The Mahnung as the scan wrote it: its date, deadline and amounts are the row's (interest
   * accrued to its date), so the letter is the same whenever it is rendered. It is signed in the
   * name of the authority (the scan wrote it, nobody by hand).
   */
  private async dunning(em: EntityManager, source: LetterSource): Promise<DunningLetterModel> {
    if (!source.dunningId) throw new LetterModelError('dunningId', 'eine Mahnung braucht ihren Datensatz');
    const n = await this.read.dunning(em, source.dunningId);
    const recovery = await this.read.recovery(em, n.recoveryId);
    const settlement = await this.read.settlement(em, recovery.settlementId);
    const c = await this.context(em, recovery.decisionId, null);
    const first = n.level === 2 ? await this.read.dunningOf(em, recovery.id, 1) : null;
    if (n.level === 2 && !first) throw new LetterModelError('firstDunningDate', 'die 1. Mahnung fehlt');
    const surcharge = (await this.parameters.inForce(c.programmeRecord, CalendarDate.parse(n.issuedOn), c.decision.districtId)).interestSurchargePercentagePoints;
    const repaid = recovery.principal.minus(n.outstandingPrincipal);
    return {
      ...(await this.base(em, c.decision.reference, n.issuedOn, c.provider, settlement.proposedBy, null)),
      level: n.level,
      instrument: recovery.instrument,
      recoveryReference: recovery.reference,
      projectTitle: c.application.title,
      recoveryLetterDate: settlement.decisionDate!,
      recoveryDueDate: recovery.dueDate,
      ...(first ? { firstDunningDate: first.issuedOn, firstDunningDeadline: first.paymentDeadline } : {}),
      principal: recovery.principal.toApiString(),
      repaidPrincipal: repaid.toApiString(),
      outstandingPrincipal: n.outstandingPrincipal.toApiString(),
      interest: n.interest.toApiString(),
      interestPaid: n.interest.minus(n.interestOutstanding).toApiString(),
      interestOutstanding: n.interestOutstanding.toApiString(),
      interestUntil: n.interestUntil,
      totalDue: n.totalDue.toApiString(),
      paymentDeadline: n.paymentDeadline,
      parameters: { interestSurchargePercentagePoints: decimalText(surcharge) },
    };
  }

  // ───────────────────────────── Prüfvermerk ─────────────────────────────

  private async proofReview(em: EntityManager, source: LetterSource): Promise<ProofReviewRecordModel> {
    const proof = await this.read.proof(em, source.proofId!);
    const review = await this.read.proofReview(em, proof.id);
    if (review.status !== 'COMPLETED' || !review.result || !review.completedAt) throw new LetterModelError('review', 'der Prüfvermerk ist noch nicht abgeschlossen');
    const c = await this.context(em, proof.decisionId, null);
    const first = c.versions.find((v) => v.versionNo === 1)!;
    const result = review.result as {
      lines: { category: string; planned: string; actual: string; cap: string; recognised: string; flags: { message: string }[] }[];
      recognisedCosts: string;
      finalGrant: string;
      recovery: string;
      flags: { message: string }[];
      breakdown: { deMinimisApplied: boolean };
    };
    const names = await this.categoryNames(em);
    const finalGrant = Money.of(result.finalGrant);
    const recovery = Money.of(result.recovery);
    // Paid as the check took it: Z + R when there is a recovery; otherwise as it stands.
    const paid = recovery.isPositive() ? finalGrant.plus(recovery) : (await this.reviews.compute(em, proof)).paid;
    const receipts = await this.read.expenseReceipts(em, proof.id);
    const sample = receipts.filter((r) => r.inSample);
    const due = proof.kind === ProofKind.FINAL ? c.version.proofDue : (c.version.interimProofsDue.find((i) => i.year === proof.coveredYear)?.due ?? null);
    const reviewDate = this.dateOf(review.completedAt);
    const reviewer = await this.user(em, review.reviewerId);
    const settlement = await this.read.approvedSettlementOf(em, proof.id);
    const coSigner = settlement ? await this.user(em, settlement.approvedBy) : null;
    const outcome: ReviewOutcome = recovery.isPositive() ? 'RECOVERY' : finalGrant.lessThan(c.version.maxAmount) ? 'REDUCTION' : 'NO_OBJECTION';
    const check = (v: boolean | null): CursoryCheckResult => (v === null ? 'NOT_APPLICABLE' : v ? 'OK' : 'DEFICIENT');
    return {
      reference: c.decision.reference,
      reviewDate,
      providerName: c.provider.name,
      projectTitle: c.application.title,
      instrument: c.decision.instrument,
      decisionDate: first.decisionDate!,
      decisionVersionNo: c.version.versionNo!,
      periodStart: c.version.periodStart,
      periodEnd: c.version.periodEnd,
      financingType: c.version.financingType ?? 'FULL',
      ...(c.version.fundingRatePercent ? { fundingRatePercent: c.version.fundingRatePercent.toPercentString() } : {}),
      maxAmount: c.version.maxAmount.toApiString(),
      proofKind: proof.kind,
      proofDue: due ?? c.version.periodEnd,
      proofReceivedDate: this.dateOf(proof.submittedAt ?? proof.createdAt),
      cursoryChecks: [
        { label: 'Verwendungsnachweis vollständig (Sachbericht, zahlenmäßiger Nachweis, Belegliste)', result: check(review.cursory.complete) },
        { label: 'Angaben plausibel, Summen rechnerisch richtig', result: check(review.cursory.plausible) },
        {
          label: 'Zuwendungszweck erreicht (Sachbericht)',
          result: check(review.cursory.purposeAchieved),
          ...(review.cursory.notes ? { note: review.cursory.notes } : {}),
        },
      ],
      ...(review.sampleSeed
        ? {
            inDepthCheck: {
              populationCount: receipts.length,
              populationAmount: Money.sum(receipts.map((r) => r.eligibleAmount)).toApiString(),
              sampleCount: sample.length,
              sampleAmount: Money.sum(sample.map((r) => r.eligibleAmount)).toApiString(),
              minimumSharePercent: Rate.fromPercent(review.sampleSharePercent ?? '0').toPercentString(),
              method: 'risikoorientiert (auffällige und betragsstarke Belege) und zufällig, reproduzierbar mit dem Startwert',
              seed: review.sampleSeed,
              findings: sample.map((r) => ({
                receiptNumber: r.receiptNumber,
                date: r.receiptDate,
                counterparty: r.counterparty,
                reason: r.reason,
                categoryName: names.get(r.costCategory) ?? r.costCategory,
                amount: r.eligibleAmount.toApiString(),
                recognisedAmount: (r.recognisedAmount ?? r.eligibleAmount).toApiString(),
                result: r.reviewStatus === 'REDUCED' ? ('REDUCED' as const) : r.reviewStatus === 'REFUSED' ? ('REJECTED' as const) : ('OK' as const),
                ...(r.reviewNote ? { note: r.reviewNote } : {}),
              })),
            },
          }
        : {}),
      settlementLines: result.lines.map((l) => ({
        categoryName: names.get(l.category) ?? l.category,
        planned: Money.of(l.planned).round().toApiString(),
        actual: Money.of(l.actual).round().toApiString(),
        cap: Money.of(l.cap).round().toApiString(),
        recognised: Money.of(l.recognised).round().toApiString(),
        flags: l.flags.map((f) => f.message),
      })),
      recognisedCosts: Money.of(result.recognisedCosts).toApiString(),
      ownFunds: Money.of(proof.figures.ownFunds).toApiString(),
      thirdPartyFunds: Money.of(proof.figures.thirdPartyFunds).toApiString(),
      deMinimisApplied: result.breakdown.deMinimisApplied,
      finalGrant: finalGrant.toApiString(),
      paidAmount: paid.toApiString(),
      recoveryAmount: recovery.toApiString(),
      outcome,
      resultText: [...(review.conclusion ? [review.conclusion] : []), ...result.flags.map((f) => f.message)],
      reviewer: { name: reviewer?.displayName ?? 'Sachbearbeitung', date: reviewDate },
      ...(coSigner && settlement?.decisionDate ? { coSigner: { name: coSigner.displayName, date: settlement.decisionDate } } : {}),
    };
  }

  // ───────────────────────────── shared parts ─────────────────────────────

  private async context(em: EntityManager, decisionId: string | null, versionId: string | null, draft?: DecisionVersion) {
    if (!decisionId) throw new LetterModelError('decisionId', 'dieses Schreiben gehört zu einer Entscheidung');
    const decision = await this.read.decision(em, decisionId);
    // A draft (preview) is read as the next approved version, after those in force.
    const versions = [...(await this.read.approvedVersions(em, decisionId)), ...(draft ? [draft] : [])];
    const version = draft ?? (versionId ? versions.find((v) => v.id === versionId) : versions.find((v) => v.versionNo === decision.currentVersionNo));
    if (!version) throw new LetterModelError('decisionVersionId', 'die Fassung ist nicht freigegeben');
    const application = await this.read.application(em, decision.applicationId);
    const provider = await this.read.organisation(em, decision.providerId);
    const year = await this.read.budgetYear(em, decision.budgetYearId);
    const programme = await this.read.programme(em, year.programmeId);
    const programmeRef: ProgrammeReference = {
      guidelineTitle: programme.title,
      ...(programme.publication ? { guidelineCitation: programme.publication } : {}),
      stateAuthority: programme.grantingAuthorityName,
      stateDecisionDate: year.stateGrantDate,
      stateDecisionReference: year.stateGrantReference,
    };
    return { decision, versions, version, application, provider, year, programmeRecord: programme, programme: programmeRef };
  }

  private async base(em: EntityManager, reference: string, letterDate: string, provider: Organisation, officerId: string | null, signatoryId: string | null) {
    const signatory = await this.user(em, signatoryId);
    return {
      reference,
      letterDate,
      recipient: this.recipient(provider),
      officer: await this.officer(em, officerId),
      signatory: { name: signatory?.displayName ?? this.h.authorityName },
    };
  }

  private recipient(o: Organisation): LetterRecipient {
    return {
      name: o.name,
      ...(o.contactName ? { additionalLines: [`z. Hd. ${o.contactName}`] } : {}),
      address: { street: o.street ?? '', postalCode: o.postalCode ?? '', city: o.city ?? '' },
    };
  }

  private async officer(em: EntityManager, userId: string | null): Promise<CaseOfficer> {
    const u = await this.user(em, userId);
    return { name: u?.displayName ?? this.h.department, phone: this.h.phone, ...(u ? { email: u.email } : {}) };
  }

  private async user(em: EntityManager, id: string | null): Promise<User | null> {
    return this.read.user(em, id);
  }

  private async grantTerms(em: EntityManager, c: Awaited<ReturnType<LetterModelBuilder['context']>>): Promise<GrantTerms> {
    const v = c.version;
    const consents = await this.read.earlyStartConsents(em, c.application.id);
    const eligibleFrom = v.eligibleFrom && v.eligibleFrom > v.periodStart ? v.eligibleFrom : null;
    return {
      projectTitle: c.application.title,
      purpose: v.purpose,
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      financingType: v.financingType ?? 'FULL',
      ...(v.fundingRatePercent ? { fundingRatePercent: v.fundingRatePercent.toPercentString() } : {}),
      maxAmount: v.maxAmount.toApiString(),
      sourceSplit: { stateShare: v.stateShare.toApiString(), districtShare: v.districtShare.toApiString() },
      ...(eligibleFrom ? { eligibleFrom } : {}),
      ...(eligibleFrom && consents[0] ? { earlyStartConsentDate: consents[0].consentDate } : {}),
      budgetLine: c.year.districtBudgetLine,
    };
  }

  private async plan(em: EntityManager, plan: FinancingPlanDoc): Promise<LetterFinancingPlan> {
    const names = await this.categoryNames(em);
    return {
      costLines: plan.costLines.map((l) => ({ categoryName: names.get(l.category) ?? l.category, description: l.description, amount: Money.of(l.amount).toApiString() })),
      fundingLines: plan.fundingLines.map((f) => ({ kind: f.kind, source: f.source, amount: Money.of(f.amount).toApiString() })),
    };
  }

  private deadlines(v: DecisionVersion) {
    return { finalProofDue: v.proofDue ?? v.periodEnd, interimProofs: v.interimProofsDue.map((i) => ({ year: i.year, due: i.due })) };
  }

  private async letterParameters(c: Awaited<ReturnType<LetterModelBuilder['context']>>): Promise<LetterParameters> {
    const p = await this.parameters.inForce(c.programmeRecord, CalendarDate.parse(c.version.periodEnd), c.decision.districtId);
    return {
      paymentRequestHorizonMonths: p.paymentRequestHorizonMonths,
      receiptRetentionYears: p.receiptRetentionYears,
      interestSurchargePercentagePoints: decimalText(p.interestSurchargePercentagePoints),
      overrunTolerancePercent: p.overrunTolerance.toPercentString(),
    };
  }

  private async categoryNames(em: EntityManager): Promise<Map<string, string>> {
    const rows = await this.read.costCategories(em);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** The calendar day of an instant in the business time zone. */
  private dateOf(at: Date): string {
    return CalendarDate.todayIn(this.config.timezone, at).toISOString();
  }
}

/** What changed from version n to n+1, in the terms of the Bescheid. */
export function versionChanges(prev: DecisionVersion, next: DecisionVersion): AmendmentChange[] {
  const changes: AmendmentChange[] = [];
  if (!prev.maxAmount.equals(next.maxAmount)) {
    changes.push({ subject: 'Höchstbetrag der Zuwendung', previous: { kind: 'money', amount: prev.maxAmount.toApiString() }, amended: { kind: 'money', amount: next.maxAmount.toApiString() } });
  }
  if (prev.periodStart !== next.periodStart) {
    changes.push({ subject: 'Beginn des Bewilligungszeitraums', previous: { kind: 'date', date: prev.periodStart }, amended: { kind: 'date', date: next.periodStart } });
  }
  if (prev.periodEnd !== next.periodEnd) {
    changes.push({ subject: 'Ende des Bewilligungszeitraums', previous: { kind: 'date', date: prev.periodEnd }, amended: { kind: 'date', date: next.periodEnd } });
  }
  if (prev.financingType !== next.financingType) {
    changes.push({
      subject: 'Finanzierungsart',
      previous: { kind: 'text', text: FINANCING_TYPE_DE[prev.financingType ?? ''] ?? '–' },
      amended: { kind: 'text', text: FINANCING_TYPE_DE[next.financingType ?? ''] ?? '–' },
    });
  }
  const rate = (r: Rate | null) => (r ? r.toPercentString() : null);
  if (rate(prev.fundingRatePercent) !== rate(next.fundingRatePercent)) {
    const value = (r: Rate | null) => (r ? { kind: 'percent' as const, percent: r.toPercentString() } : { kind: 'text' as const, text: 'kein Fördersatz' });
    changes.push({ subject: 'Fördersatz', previous: value(prev.fundingRatePercent), amended: value(next.fundingRatePercent) });
  }
  if (prev.proofDue !== next.proofDue && prev.proofDue && next.proofDue) {
    changes.push({ subject: 'Frist für den Verwendungsnachweis', previous: { kind: 'date', date: prev.proofDue }, amended: { kind: 'date', date: next.proofDue } });
  }
  if (prev.purpose !== next.purpose) {
    changes.push({ subject: 'Zuwendungszweck', previous: { kind: 'text', text: prev.purpose }, amended: { kind: 'text', text: next.purpose } });
  }
  const special = (v: DecisionVersion) => v.conditions.special.join(' ');
  if (special(prev) !== special(next)) {
    changes.push({
      subject: 'Besondere Nebenbestimmungen',
      previous: { kind: 'text', text: special(prev) || 'keine' },
      amended: { kind: 'text', text: special(next) || 'keine' },
    });
  }
  return changes;
}

/** A stored Begründung as paragraphs (blank lines or line breaks separate them). */
export function paragraphs(text: string | null): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A Kreis's resolved letterhead as the letter layouts take it; its debtor account receives repayments. */
export function toLetterhead(h: DistrictLetterhead, debtor: { name: string; iban: string | null; bic: string | null }): Letterhead {
  return {
    name: h.name,
    department: h.department,
    districtName: h.districtName,
    authorityName: h.authorityName,
    address: { street: h.street, postalCode: h.postalCode, city: h.city },
    ...(h.place && h.place !== h.city ? { place: h.place } : {}),
    phone: h.phone,
    email: h.email,
    website: h.website,
    bankAccounts: debtor.iban ? [{ bankName: h.bankName, iban: debtor.iban, bic: debtor.bic ?? '', accountHolder: debtor.name }] : [],
    officeHours: [...h.officeHours],
    ...(h.representedBy ? { representedBy: h.representedBy } : {}),
  };
}
