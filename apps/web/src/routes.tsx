/**
 * Every page of the app in one list: path, who may open it, and its entry in the main
 * navigation. The navigation, the role guard and the "nicht gefunden" fallback come with the entry.
 */
import { lazy, type ReactNode } from 'react';
import { Navigate, useParams } from 'react-router';
import { hasRole, levelOf, type Level, type Me, type Role } from './auth/auth';
import { ApplicationNewPage } from './pages/ApplicationNewPage';
import { ApplicationPage } from './pages/ApplicationPage';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { AuditPage } from './pages/AuditPage';
import { DecisionPage } from './pages/DecisionPage';
import { DecisionsPage } from './pages/DecisionsPage';
import { HomePage } from './pages/HomePage';
import { OrganisationPage, OwnOrganisationPage } from './pages/OrganisationPage';
import { OrganisationsPage } from './pages/OrganisationsPage';
import { PasswordPage } from './pages/PasswordPage';
import { MfaPage } from './pages/MfaPage';
import { ReviewPage } from './pages/ReviewPage';
import { WorklistPage } from './pages/WorklistPage';
import { CallsPage } from './pages/CallsPage';
import { CallNewPage, CallPage } from './pages/CallPage';
import { AllocationRoundPage } from './pages/AllocationRoundPage';
import { UsersPage } from './pages/admin/UsersPage';
import { ParametersPage } from './pages/admin/ParametersPage';
import { BaseRatesPage } from './pages/admin/BaseRatesPage';
import { OpenDataPage } from './pages/admin/OpenDataPage';
import { DistrictSettingsPage } from './pages/admin/DistrictSettingsPage';
import { IndicatorsPage } from './pages/admin/IndicatorsPage';
import { PaymentRequestsPage } from './pages/payments/PaymentRequestsPage';
import { PaymentRequestNewPage } from './pages/payments/PaymentRequestNewPage';
import { PaymentRequestPage } from './pages/payments/PaymentRequestPage';
import { ProofsPage } from './pages/proofs/ProofsPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { SearchPage } from './pages/SearchPage';

// Charts and calculators are loaded only when opened.
const BudgetPage = lazy(() => import('./pages/BudgetPage'));
const CalculatorsPage = lazy(() => import('./pages/CalculatorsPage'));
// Phase 2 pages the Kreis and auditors open less often are loaded when opened.
const PayoutsPage = lazy(() => import('./pages/payments/PayoutsPage').then((m) => ({ default: m.PayoutsPage })));
const PaymentFilePage = lazy(() => import('./pages/payments/PayoutsPage').then((m) => ({ default: m.PaymentFilePage })));
const ProofPage = lazy(() => import('./pages/proofs/ProofPage').then((m) => ({ default: m.ProofPage })));
const ProofReviewPage = lazy(() => import('./pages/proofs/ProofReviewPage').then((m) => ({ default: m.ProofReviewPage })));
const SettlementsPage = lazy(() => import('./pages/settlements/SettlementsPages').then((m) => ({ default: m.SettlementsPage })));
const SettlementPage = lazy(() => import('./pages/settlements/SettlementsPages').then((m) => ({ default: m.SettlementPage })));
const RecoveriesPage = lazy(() => import('./pages/settlements/RecoveriesPages').then((m) => ({ default: m.RecoveriesPage })));
const RecoveryPage = lazy(() => import('./pages/settlements/RecoveriesPages').then((m) => ({ default: m.RecoveryPage })));
const StateProofPage = lazy(() => import('./pages/settlements/StateProofPage').then((m) => ({ default: m.StateProofPage })));
const OperationsPage = lazy(() => import('./pages/admin/OperationsPage').then((m) => ({ default: m.OperationsPage })));
// Monitoring draws charts (recharts): loaded when opened, like the budget page.
const MonitoringOverviewPage = lazy(() => import('./pages/monitoring/MonitoringPages').then((m) => ({ default: m.MonitoringOverviewPage })));
const MonitoringFieldsPage = lazy(() => import('./pages/monitoring/MonitoringPages').then((m) => ({ default: m.FieldsOfActionPage })));
const MonitoringAreasPage = lazy(() => import('./pages/monitoring/MonitoringPages').then((m) => ({ default: m.SocialAreasPage })));
// The Land's pages (issue 20): the overview draws a chart (recharts), all are loaded when opened.
const LandOverviewPage = lazy(() => import('./pages/land/LandPages').then((m) => ({ default: m.LandOverviewPage })));
const DistrictPage = lazy(() => import('./pages/land/LandPages').then((m) => ({ default: m.DistrictPage })));
const DistributionPage = lazy(() => import('./pages/land/DistributionPage').then((m) => ({ default: m.DistributionPage })));
const StateGrantsPage = lazy(() => import('./pages/land/StateGrantsPages').then((m) => ({ default: m.StateGrantsPage })));
const StateGrantNewPage = lazy(() => import('./pages/land/StateGrantsPages').then((m) => ({ default: m.StateGrantNewPage })));
const StateGrantPage = lazy(() => import('./pages/land/StateGrantsPages').then((m) => ({ default: m.StateGrantPage })));
const LandDrawdownsPage = lazy(() => import('./pages/land/LandFlowPages').then((m) => ({ default: m.LandDrawdownsPage })));
const StateProofReviewsPage = lazy(() => import('./pages/land/LandFlowPages').then((m) => ({ default: m.StateProofReviewsPage })));
const StateProofReviewPage = lazy(() => import('./pages/land/LandFlowPages').then((m) => ({ default: m.StateProofReviewPage })));
const ExportsPage = lazy(() => import('./pages/ExportsPage').then((m) => ({ default: m.ExportsPage })));

/** Links in notification mails use the API's English paths; they lead to the German pages. */
function Alias({ to }: { to: string }) {
  const { id = '' } = useParams();
  return <Navigate to={`${to}/${id}`} replace />;
}

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** Who may open it; omitted = every signed-in user. */
  roles?: Role[];
  /**
   * Whose users may open it (issue 20): a Kreis's "neu" pages are not the Land's, whose users read
   * the Kreise's records but take no step in them; omitted = every level.
   */
  levels?: Level[];
  /** Main navigation entry (label, order); roles and levels as above. */
  nav?: { label: string; order: number; roles?: Role[]; levels?: Level[] };
}

/** Kreis and Träger: the Land's users start on their overview of all Kreise instead. */
const NOT_STATE: Level[] = ['DISTRICT', 'PROVIDER'];

const KREIS: Role[] = ['ADMIN', 'STAFF', 'APPROVER', 'AUDITOR'];

export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage />, nav: { label: 'Start', order: 0, levels: NOT_STATE } },
  { path: '/konto/passwort', element: <PasswordPage /> },
  { path: '/konto/zweiter-faktor', element: <MfaPage /> },
  { path: '/arbeitsliste', element: <WorklistPage />, roles: ['ADMIN', 'STAFF', 'APPROVER'], nav: { label: 'Arbeitsliste', order: 10, levels: ['DISTRICT'] } },
  { path: '/antraege', element: <ApplicationsPage />, nav: { label: 'Anträge', order: 20 } },
  { path: '/antraege/neu', element: <ApplicationNewPage />, roles: ['PROVIDER'] },
  { path: '/antraege/:id', element: <ApplicationPage /> },
  { path: '/antraege/:id/pruefung', element: <ReviewPage />, roles: KREIS },
  { path: '/bescheide', element: <DecisionsPage />, nav: { label: 'Bescheide', order: 30 } },
  { path: '/bescheide/:id', element: <DecisionPage /> },
  { path: '/mittelabrufe', element: <PaymentRequestsPage />, nav: { label: 'Mittelabrufe', order: 32 } },
  { path: '/mittelabrufe/neu', element: <PaymentRequestNewPage />, roles: ['PROVIDER'] },
  { path: '/mittelabrufe/:id', element: <PaymentRequestPage /> },
  { path: '/nachweise', element: <ProofsPage />, nav: { label: 'Verwendungsnachweise', order: 34 } },
  { path: '/nachweise/:id', element: <ProofPage /> },
  { path: '/nachweise/:id/pruefung', element: <ProofReviewPage />, roles: KREIS },
  { path: '/auszahlungen', element: <PayoutsPage />, roles: KREIS, nav: { label: 'Auszahlungen', order: 42 } },
  { path: '/auszahlungen/dateien/:id', element: <PaymentFilePage />, roles: KREIS },
  { path: '/festsetzungen', element: <SettlementsPage />, nav: { label: 'Festsetzungen', order: 44, roles: KREIS } },
  { path: '/festsetzungen/:id', element: <SettlementPage /> },
  { path: '/rueckforderungen', element: <RecoveriesPage />, nav: { label: 'Rückforderungen', order: 46 } },
  { path: '/rueckforderungen/:id', element: <RecoveryPage /> },
  { path: '/landesnachweis', element: <StateProofPage />, roles: KREIS },
  { path: '/landesnachweis/:budgetYearId', element: <StateProofPage />, roles: KREIS },
  // Every role: a Träger sees its own projects' figures (the API scopes them), the Kreis all.
  { path: '/monitoring', element: <MonitoringOverviewPage />, nav: { label: 'Monitoring', order: 48 } },
  { path: '/monitoring/handlungsfelder', element: <MonitoringFieldsPage /> },
  { path: '/monitoring/sozialraeume', element: <MonitoringAreasPage /> },
  { path: '/exporte', element: <ExportsPage />, nav: { label: 'Exporte', order: 85 } },
  { path: '/benachrichtigungen', element: <NotificationsPage /> },
  { path: '/suche', element: <SearchPage /> },
  { path: '/decisions/:id', element: <Alias to="/bescheide" /> },
  { path: '/payment-requests/:id', element: <Alias to="/mittelabrufe" /> },
  { path: '/recoveries/:id', element: <Alias to="/rueckforderungen" /> },
  { path: '/haushalt', element: <BudgetPage />, roles: KREIS, nav: { label: 'Haushalt', order: 40 } },
  { path: '/haushalt/:id', element: <BudgetPage />, roles: KREIS },
  { path: '/aufrufe', element: <CallsPage />, nav: { label: 'Projektaufrufe', order: 50 } },
  { path: '/aufrufe/neu', element: <CallNewPage />, roles: ['ADMIN', 'STAFF'], levels: ['DISTRICT'] },
  { path: '/aufrufe/:id', element: <CallPage /> },
  { path: '/aufrufe/:id/vergaberunde', element: <AllocationRoundPage />, roles: KREIS },
  { path: '/rechner', element: <CalculatorsPage />, roles: KREIS, nav: { label: 'Rechner', order: 60 } },
  { path: '/organisation', element: <OwnOrganisationPage />, roles: ['PROVIDER'], nav: { label: 'Meine Organisation', order: 70 } },
  { path: '/traeger', element: <OrganisationsPage />, roles: KREIS, nav: { label: 'Träger', order: 70 } },
  { path: '/traeger/:id', element: <OrganisationPage />, roles: KREIS },
  { path: '/protokoll', element: <AuditPage />, roles: ['ADMIN', 'AUDITOR'], nav: { label: 'Protokoll', order: 80 } },
  { path: '/verwaltung/benutzer', element: <UsersPage />, roles: ['ADMIN'], nav: { label: 'Benutzer', order: 90 } },
  { path: '/verwaltung/parameter', element: <ParametersPage />, roles: KREIS, nav: { label: 'Parameter', order: 91, roles: ['ADMIN'] } },
  { path: '/verwaltung/kennzahlen', element: <IndicatorsPage />, roles: KREIS, nav: { label: 'Kennzahlen', order: 91.5, roles: ['ADMIN', 'STAFF'] } },
  { path: '/verwaltung/basiszins', element: <BaseRatesPage />, roles: KREIS, nav: { label: 'Basiszins', order: 92, roles: ['ADMIN'] } },
  { path: '/verwaltung/betrieb', element: <OperationsPage />, roles: ['ADMIN'], nav: { label: 'Betrieb', order: 93 } },
  // The Land (issue 20): its overview of the Kreise first in its navigation; a Kreis reads its own
  // figures and Zuweisungen there too (the API scopes), a Kreis's pages stay readable for the Land.
  { path: '/land', element: <LandOverviewPage />, roles: KREIS, nav: { label: 'Kreise', order: -10, levels: ['STATE'] } },
  { path: '/land/kreise/:id', element: <DistrictPage />, roles: KREIS },
  // The Verteilungsschlüssel: GET for Land and Kreise, a new version for the Land's ADMIN/STAFF (the page decides the form).
  { path: '/land/verteilung', element: <DistributionPage />, roles: KREIS, nav: { label: 'Verteilungsschlüssel', order: -9.5, levels: ['STATE'] } },
  { path: '/land/zuweisungen', element: <StateGrantsPage />, roles: KREIS, nav: { label: 'Zuweisungen', order: -9, levels: ['STATE'] } },
  { path: '/land/zuweisungen/neu', element: <StateGrantNewPage />, roles: ['ADMIN', 'STAFF'], levels: ['STATE'] },
  { path: '/land/zuweisungen/:id', element: <StateGrantPage />, roles: KREIS },
  { path: '/land/mittelabrufe', element: <LandDrawdownsPage />, roles: KREIS, nav: { label: 'Abrufe der Kreise', order: -8, levels: ['STATE'] } },
  { path: '/land/nachweise', element: <StateProofReviewsPage />, roles: KREIS, nav: { label: 'Nachweise der Kreise', order: -7, levels: ['STATE'] } },
  { path: '/land/nachweise/:id', element: <StateProofReviewPage />, roles: KREIS },
  { path: '/verwaltung/offene-daten', element: <OpenDataPage />, roles: ['ADMIN'], nav: { label: 'Offene Daten', order: 94 } },
  { path: '/verwaltung/kreis', element: <DistrictSettingsPage />, roles: ['ADMIN'], nav: { label: 'Landkreis', order: 94.5 } },
];

/** Whether the user's level is among `levels` (none given: every level). */
function atLevel(me: Me, levels: Level[] | undefined): boolean {
  const level = levelOf(me);
  return !levels || (level !== null && levels.includes(level));
}

export function navigationFor(me: Me): { path: string; label: string }[] {
  return appRoutes
    .filter((r) => r.nav && (!r.roles || hasRole(me, ...r.roles)) && (!r.nav.roles || hasRole(me, ...r.nav.roles)) && atLevel(me, r.levels) && atLevel(me, r.nav.levels))
    .sort((a, b) => a.nav!.order - b.nav!.order)
    .map((r) => ({ path: r.path, label: r.nav!.label }));
}
