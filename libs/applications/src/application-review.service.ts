import { Injectable } from '@nestjs/common';
import { CalendarDate, Clock, Money, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ApplicationRepository } from './application.repository';
import { Application, ApplicationReviewDoc } from './application.entity';
import { EarlyStartConsent } from './early-start-consent.entity';
import { ApplicationStatus, statusLabel } from './application-state';
import { computeReviewChecks, ReviewChecks } from './review-checks';
import { applicationInvalid, applicationNotEditable } from './applications.errors';
import { ApplicationsService } from './applications.service';

/** The Landratsamt's Prüfung: start, rule checks, Prüfvermerk and Votum, request for changes, early-start consent. */
@Injectable()
export class ApplicationReviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly applications: ApplicationsService,
    private readonly records: ApplicationRepository,
  ) {}

  /** The rule checks of the Prüfung, as if the decision were taken today. */
  async checks(scope: Scope, id: string): Promise<ReviewChecks> {
    const app = await this.applications.get(scope, id);
    const em = this.tx.manager;
    const call = app.call!;
    const consents = await this.records.consents(id, em);
    return computeReviewChecks({
      app,
      call,
      provider: app.provider!,
      consents,
      eligibleCategories: await this.applications.eligibleCategories(em, call),
      decisionDate: this.clock.today(),
      timeZone: this.clock.timeZone,
    });
  }

  async startReview(scope: Scope, id: string): Promise<Application> {
    return this.applications.transitionWithNote(scope, id, 'startReview', 'Prüfung begonnen.', true);
  }

  async requestChanges(scope: Scope, id: string, text: string): Promise<Application> {
    return this.tx.run(async (em) => {
      const app = await this.applications.applyTransition(em, scope, id, 'requestChanges');
      await this.applications.comment(em, scope, id, 'CHANGE_REQUEST', text, true);
      return app;
    });
  }

  async saveReview(scope: Scope, id: string, review: Omit<ApplicationReviewDoc, 'reviewedBy' | 'updatedAt'>): Promise<Application> {
    return this.tx.run(async (em) => {
      const app = await this.applications.get(scope, id, em, true);
      if (![ApplicationStatus.IN_REVIEW, ApplicationStatus.SUBMITTED].includes(app.status)) {
        throw applicationNotEditable(statusLabel(app.status));
      }
      if (review.votum?.proposedAmount && Money.of(review.votum.proposedAmount).greaterThan(app.requestedAmount)) {
        throw applicationInvalid([{ path: 'votum.proposedAmount', message: 'Der vorgeschlagene Betrag liegt über der beantragten Zuwendung.' }]);
      }
      const before = app.review;
      app.review = { ...review, reviewedBy: scope.userId, updatedAt: this.clock.now().toISOString() };
      await em.save(Application, app);
      if (review.votum && JSON.stringify(review.votum) !== JSON.stringify(before?.votum ?? null)) {
        const label = { APPROVE: 'Bewilligung', APPROVE_PARTIAL: 'Teilbewilligung', REJECT: 'Ablehnung' }[review.votum.recommendation];
        await this.applications.comment(em, scope, id, 'VOTUM', `Votum: ${label}. ${review.votum.reasons}`, false);
      }
      await this.audit.record(em, scope, { action: 'application.review', entity: 'Application', entityId: id, before, after: app.review });
      return app;
    });
  }

  async addEarlyStartConsent(scope: Scope, id: string, consentDate: string, consentScope: string): Promise<EarlyStartConsent> {
    return this.tx.run(async (em) => {
      const app = await this.applications.get(scope, id, em, true);
      if ([ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN].includes(app.status)) {
        throw applicationNotEditable(statusLabel(app.status));
      }
      const consent = em.create(EarlyStartConsent, { applicationId: id, consentDate, scope: consentScope, grantedBy: scope.userId });
      await em.save(EarlyStartConsent, consent);
      await this.applications.comment(em, scope, id, 'STATUS', `Zustimmung zum vorzeitigen Maßnahmebeginn ab ${CalendarDate.parse(consentDate).toGermanString()} erteilt.`, true);
      await this.audit.record(em, scope, { action: 'application.early-start-consent', entity: 'Application', entityId: id, after: { consentId: consent.id, consentDate, scope: consentScope } });
      return consent;
    });
  }
}
