import { Injectable } from '@nestjs/common';
import { CalendarDate, Clock, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { AttachmentRepository } from './attachments/attachment.repository';
import { Application } from './application.entity';
import { ApplicationVersion } from './application-version.entity';
import { APPLICATION_LIFECYCLE, ApplicationStatus } from './application-state';
import { checkPlanForSubmission } from './financing-plan';
import { applicationIncomplete, callNotOpen, callNotYetOpen, deadlinePassed } from './applications.errors';
import { CallStatus } from './funding-call.entity';
import { isDeadlinePassed } from './funding-call-state';
import { AttachmentOwnerType } from './attachments/attachment-kinds';
import { requiredAttachmentsMissing } from './attachments/attachments.errors';
import { applicationSnapshot, ApplicationsService } from './applications.service';

/** The Träger hands the Antrag in (Einreichen, also after a request for changes) or withdraws it. */
@Injectable()
export class ApplicationSubmissionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly applications: ApplicationsService,
    private readonly attachments: AttachmentRepository,
  ) {}

  /**
   * Einreichen: deadline, completeness and the plan invariant are checked, a new version is
   * frozen, and the application goes to the Landratsamt. All or nothing.
   */
  async submit(scope: Scope, id: string): Promise<Application> {
    return this.tx.run(async (em) => {
      const app = await this.applications.get(scope, id, em, true);
      const to = APPLICATION_LIFECYCLE.transition(app.status, 'submit', scope);
      const call = app.call!;
      const today = this.clock.today();
      if (call.status !== CallStatus.PUBLISHED && app.status === ApplicationStatus.DRAFT) throw callNotOpen();
      // A resubmission after a request for changes is part of the same, timely application.
      if (app.status === ApplicationStatus.DRAFT) {
        if (isDeadlinePassed(call.deadline, today)) throw deadlinePassed(call.deadline);
        if (today.isBefore(CalendarDate.parse(call.openingDate))) throw callNotYetOpen(call.openingDate);
      }
      await this.applications.validateContent(em, call, app);
      const errors = checkPlanForSubmission(app.financingPlan, await this.applications.eligibleCategories(em, call));
      if (!app.betterPositionRespected) {
        errors.push({ path: 'betterPositionRespected', message: 'Bitte bestätigen Sie, dass das Besserstellungsverbot eingehalten wird.' });
      }
      // Pflichtanlagen of the call: named in German; alone they get their own message.
      const missing = await this.attachments.missingKinds(AttachmentOwnerType.APPLICATION, app.id, call.requiredAttachments, em);
      if (missing.length > 0 && errors.length === 0) throw requiredAttachmentsMissing(missing);
      if (missing.length > 0) errors.push(...requiredAttachmentsMissing(missing).errors);
      if (errors.length > 0) throw applicationIncomplete(errors);

      const before = applicationSnapshot(app);
      const now = this.clock.now();
      app.status = to;
      app.submittedVersion += 1;
      app.firstSubmittedAt ??= now;
      app.lastSubmittedAt = now;
      await em.save(Application, app);
      await this.attachments.markSubmitted(AttachmentOwnerType.APPLICATION, app.id, now, em);
      await em.save(
        ApplicationVersion,
        em.create(ApplicationVersion, {
          applicationId: app.id,
          versionNo: app.submittedVersion,
          submittedBy: scope.userId,
          submittedAt: now,
          snapshot: applicationSnapshot(app),
        }),
      );
      await this.applications.comment(em, scope, app.id, 'STATUS', `Antrag eingereicht (Version ${app.submittedVersion}).`, true);
      await this.audit.record(em, scope, { action: 'application.submit', entity: 'Application', entityId: id, before, after: applicationSnapshot(app) });
      return app;
    });
  }

  async withdraw(scope: Scope, id: string, reason: string | null): Promise<Application> {
    return this.applications.transitionWithNote(scope, id, 'withdraw', reason ? `Antrag zurückgezogen: ${reason}` : 'Antrag zurückgezogen.', true);
  }
}
