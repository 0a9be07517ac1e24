import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DistrictNameInterceptor } from './common/district-fields';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '@foerderfluss/core';
import { AppConfigModule, DatabaseModule } from '@foerderfluss/database';
import { AuditModule } from '@foerderfluss/audit';
import { IdentityModule } from '@foerderfluss/identity';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { ProgrammesModule, DistrictOnboardingModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import { ApplicationsModule } from '@foerderfluss/applications';
import { DecisionsModule } from '@foerderfluss/decisions';
import { PaymentsModule } from '@foerderfluss/payments';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { ExportJobsModule, LettersModule, OpenDataModule } from '@foerderfluss/exports';
import { JobsModule } from '@foerderfluss/jobs';
import { NotificationsModule } from '@foerderfluss/notifications';
import { CasesModule } from '@foerderfluss/cases';
import { MonitoringModule } from '@foerderfluss/monitoring';
import { LandModule } from '@foerderfluss/land';
import { DistrictsController } from './land/districts.controller';
import { LandDrawdownsController, StateDistributionController, StateGrantsController, StateProofReviewsController } from './land/land.controller';
import { AuthController } from './auth/auth.controller';
import { JwtStrategy } from './auth/jwt.strategy';
import { MfaEnrolmentStrategy } from './auth/mfa-enrolment.strategy';
import { JwtAuthGuard, RolesGuard } from './auth/guards';
import { ProblemFilter } from './common/problem.filter';
import { AccessDeniedAudit } from './common/access-denied.audit';
import { UsersController } from './users/users.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { AuditController } from './audit/audit.controller';
import { HealthController } from './health/health.controller';
import { BudgetYearsController } from './funding/budget-years.controller';
import { CallsController } from './applications/calls.controller';
import { ApplicationsController } from './applications/applications.controller';
import { DecisionsController } from './decisions/decisions.controller';
import { WorklistController } from './decisions/worklist.controller';
import { CashPositionController } from './payments/cash-position.controller';
import { DisbursementsController } from './payments/disbursements.controller';
import { FundUseController } from './payments/fund-use.controller';
import { PaymentFilesController } from './payments/payment-files.controller';
import { PaymentOrdersController } from './payments/payment-orders.controller';
import { PaymentRequestsController } from './payments/payment-requests.controller';
import { RepaymentsController } from './payments/repayments.controller';
import { StateDrawdownsController } from './payments/state-drawdowns.controller';
import { ReferenceController } from './reference/reference.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { BaseRatesController } from './programmes/base-rates.controller';
import { IndicatorsController, IndicatorTargetsController } from './programmes/indicators.controller';
import { CalculationsController } from './calculations/calculations.controller';
import { ProofsController } from './proofs/proofs.controller';
import { RecoveriesController } from './proofs/recoveries.controller';
import { SettlementsController } from './proofs/settlements.controller';
import { StateProofsController } from './proofs/state-proofs.controller';
import { ReceiptImportController } from './proofs/receipt-import.controller';
import { AttachmentsController } from './attachments/attachments.controller';
import { LettersController } from './letters/letters.controller';
import { LetterRenderQueueModule } from './letters/letter-render-queue.module';
import { LetterPreviewController } from './letters/letter-preview.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { JobsAdminController } from './admin/jobs-admin.controller';
import { jobRecordSourcesProvider } from '@foerderfluss/job-sources';
import { MailCatchAllController } from './admin/mail-catchall.controller';
import { ExportsController } from './exports/exports.controller';
import { CasesController, FollowUpsController } from './cases/cases.controller';
import { MonitoringController } from './monitoring/monitoring.controller';
import { HistoryController } from './cases/history.controller';
import { SearchController } from './search/search.controller';
import { OpenDataController } from './open-data/open-data.controller';
import { DistrictAdminController } from './district-admin/district-admin.controller';
import { SearchService } from './search/search.service';
import type { LogDestination } from '@foerderfluss/core';
import type { Logger as PinoInstance } from 'pino';
import { loggingModule } from './common/logging';

export interface AppModuleOptions {
  /** Where the request log and app.useLogger's lines go (tests capture or silence them); stdout otherwise. */
  logDestination?: LogDestination;
  /** main.ts's pino instance, which already logged the database preparation: one stream per process. */
  pino?: PinoInstance;
}
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
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
        ExportJobsModule,
        LettersModule,
        OpenDataModule,
        DistrictOnboardingModule,
        NotificationsModule,
        CasesModule,
        MonitoringModule,
        LandModule,
        JobsModule,
        LetterRenderQueueModule,
        PassportModule,
        TerminusModule.forRoot({ logger: false }),
        loggingModule(config, options.logDestination, options.pino),
      ],
      controllers: [
        AuthController,
        UsersController,
        OrganisationsController,
        ReferenceController,
        ProgrammesController,
        BaseRatesController,
        IndicatorsController,
        IndicatorTargetsController,
        CalculationsController,
        BudgetYearsController,
        CallsController,
        ApplicationsController,
        DecisionsController,
        WorklistController,
        PaymentRequestsController,
        DisbursementsController,
        PaymentFilesController,
        FundUseController,
        ProofsController,
        SettlementsController,
        RecoveriesController,
        StateProofsController,
        ReceiptImportController,
        AttachmentsController,
        LettersController,
        LetterPreviewController,
        NotificationsController,
        JobsAdminController,
        MailCatchAllController,
        ExportsController,
        StateDrawdownsController,
        CashPositionController,
        RepaymentsController,
        AuditController,
        HealthController,
        PaymentOrdersController,
        CasesController,
        MonitoringController,
        FollowUpsController,
        HistoryController,
        SearchController,
        MetricsController,
        OpenDataController,
        DistrictsController,
        StateDistributionController,
        StateGrantsController,
        LandDrawdownsController,
        StateProofReviewsController,
        DistrictAdminController,
      ],
      providers: [
        JwtStrategy,
        MfaEnrolmentStrategy,
        // Order matters: authenticate first, then check the role the route demands.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: DistrictNameInterceptor },
        AccessDeniedAudit,
        SearchService,
        MetricsService,
        jobRecordSourcesProvider,
      ],
    };
  }
}
