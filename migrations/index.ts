/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works in the
 * compiled app, in the CLI and under jest; a unit test checks that no file is missing here.
 */
/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works in the
 * compiled app, in the CLI and under jest; a unit test checks that no file is missing here.
 */
/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works in the
 * compiled app, in the CLI and under jest; a unit test checks that no file is missing here.
 */
/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works in the
 * compiled app, in the CLI and under jest; a unit test checks that no file is missing here.
 */
import { Initial1795620815373 } from './1795620815373-Initial';
import { Programmes1795621978747 } from './1795621978747-Programmes';
import { Funding1795622931276 } from './1795622931276-Funding';
import { ApplicationsDecisions1795624157825 } from './1795624157825-ApplicationsDecisions';
import { Payments1795625516925 } from './1795625516925-Payments';
import { ProofOfUse1795626367358 } from './1795626367358-ProofOfUse';
import { ProofReviewConsents1795627276886 } from './1795627276886-ProofReviewConsents';
import { ProofRetentionGuard1795627900000 } from './1795627900000-ProofRetentionGuard';
import { ExportJobs1795628815454 } from './1795628815454-ExportJobs';
import { LettersNotifications1795628886301 } from './1795628886301-LettersNotifications';
import { NotificationEvents1796615633061 } from './1796615633061-NotificationEvents';
import { Attachments1796615717024 } from './1796615717024-Attachments';
import { ReceiptConfirmationLetters1796617105401 } from './1796617105401-ReceiptConfirmationLetters';
import { CallsDeadlineExtension1796637921709 } from './1796637921709-CallsDeadlineExtension';
import { FourEyesContext1796638180138 } from './1796638180138-FourEyesContext';
import { PaidPayouts1796638227662 } from './1796638227662-PaidPayouts';
import { LettersAtOnceDunning1796638385778 } from './1796638385778-LettersAtOnceDunning';
import { CasesAssignmentHistory1796638739660 } from './1796638739660-CasesAssignmentHistory';
import { MailCatchAll1796648145680 } from './1796648145680-MailCatchAll';
import { TokensValidAfter1796659098886 } from './1796659098886-TokensValidAfter';
import { UserMfa1796659211541 } from './1796659211541-UserMfa';
import { AuditCheckpoints1796659690020 } from './1796659690020-AuditCheckpoints';
import { UploadsHardening1796659704106 } from './1796659704106-UploadsHardening';
import { MonitoringIndicators1796670442767 } from './1796670442767-MonitoringIndicators';
import { OpenDataSettings1796671298596 } from './1796671298596-OpenDataSettings';
import { MonitoringExport1796672242900 } from './1796672242900-MonitoringExport';
import { AnnualReportExport1796672300000 } from './1796672300000-AnnualReportExport';
import { DistrictTenancy1796681690850 } from './1796681690850-DistrictTenancy';
import { KreisIsolation1796681700000 } from './1796681700000-KreisIsolation';
import { LandView1796681710000 } from './1796681710000-LandView';
import { DistrictSettings1796681740000 } from './1796681740000-DistrictSettings';
import { DistrictParameters1796681800000 } from './1796681800000-DistrictParameters';
import { ReceiptPageIndex1796681900000 } from './1796681900000-ReceiptPageIndex';
import { ReceiptDistrictTrigger1796681900100 } from './1796681900100-ReceiptDistrictTrigger';

export const MIGRATIONS = [Initial1795620815373, Programmes1795621978747, Funding1795622931276, ApplicationsDecisions1795624157825, Payments1795625516925, ProofOfUse1795626367358, ProofReviewConsents1795627276886, ProofRetentionGuard1795627900000, ExportJobs1795628815454, LettersNotifications1795628886301, NotificationEvents1796615633061, Attachments1796615717024, ReceiptConfirmationLetters1796617105401, CallsDeadlineExtension1796637921709, FourEyesContext1796638180138, PaidPayouts1796638227662, LettersAtOnceDunning1796638385778, CasesAssignmentHistory1796638739660, MailCatchAll1796648145680, TokensValidAfter1796659098886, UserMfa1796659211541, AuditCheckpoints1796659690020, UploadsHardening1796659704106, MonitoringIndicators1796670442767, OpenDataSettings1796671298596, MonitoringExport1796672242900, AnnualReportExport1796672300000, DistrictTenancy1796681690850, KreisIsolation1796681700000, LandView1796681710000, DistrictSettings1796681740000, DistrictParameters1796681800000, ReceiptPageIndex1796681900000, ReceiptDistrictTrigger1796681900100];
