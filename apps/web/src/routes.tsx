/**
 * Every page of the app in one list: path, who may open it, and its entry in the main
 * navigation. Phase 2 (Mittelabrufe, Verwendungsnachweise, Exporte) adds its pages here; the
 * navigation, the role guard and the "nicht gefunden" fallback come with the entry.
 */
import { lazy, type ReactNode } from 'react';
import { hasRole, type Me, type Role } from './auth/auth';
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
import { ReviewPage } from './pages/ReviewPage';
import { WorklistPage } from './pages/WorklistPage';
import { CallsPage } from './pages/CallsPage';
import { AllocationRoundPage } from './pages/AllocationRoundPage';
import { UsersPage } from './pages/admin/UsersPage';
import { ParametersPage } from './pages/admin/ParametersPage';
import { BaseRatesPage } from './pages/admin/BaseRatesPage';

// Charts and calculators are loaded only when opened.
const BudgetPage = lazy(() => import('./pages/BudgetPage'));
const CalculatorsPage = lazy(() => import('./pages/CalculatorsPage'));

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** Who may open it; omitted = every signed-in user. */
  roles?: Role[];
  /** Main navigation entry (label, order); roles as above. */
  nav?: { label: string; order: number; roles?: Role[] };
}

const KREIS: Role[] = ['ADMIN', 'STAFF', 'APPROVER', 'AUDITOR'];

export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage />, nav: { label: 'Start', order: 0 } },
  { path: '/konto/passwort', element: <PasswordPage /> },
  { path: '/arbeitsliste', element: <WorklistPage />, roles: ['ADMIN', 'STAFF', 'APPROVER'], nav: { label: 'Arbeitsliste', order: 10 } },
  { path: '/antraege', element: <ApplicationsPage />, nav: { label: 'Anträge', order: 20 } },
  { path: '/antraege/neu', element: <ApplicationNewPage />, roles: ['PROVIDER'] },
  { path: '/antraege/:id', element: <ApplicationPage /> },
  { path: '/antraege/:id/pruefung', element: <ReviewPage />, roles: KREIS },
  { path: '/bescheide', element: <DecisionsPage />, nav: { label: 'Bescheide', order: 30 } },
  { path: '/bescheide/:id', element: <DecisionPage /> },
  { path: '/haushalt', element: <BudgetPage />, roles: KREIS, nav: { label: 'Haushalt', order: 40 } },
  { path: '/haushalt/:id', element: <BudgetPage />, roles: KREIS },
  { path: '/aufrufe', element: <CallsPage />, roles: KREIS, nav: { label: 'Aufrufe und Vergaberunden', order: 50 } },
  { path: '/aufrufe/:id/vergaberunde', element: <AllocationRoundPage />, roles: KREIS },
  { path: '/rechner', element: <CalculatorsPage />, roles: KREIS, nav: { label: 'Rechner', order: 60 } },
  { path: '/organisation', element: <OwnOrganisationPage />, roles: ['PROVIDER'], nav: { label: 'Meine Organisation', order: 70 } },
  { path: '/traeger', element: <OrganisationsPage />, roles: KREIS, nav: { label: 'Träger', order: 70 } },
  { path: '/traeger/:id', element: <OrganisationPage />, roles: KREIS },
  { path: '/protokoll', element: <AuditPage />, roles: ['ADMIN', 'AUDITOR'], nav: { label: 'Protokoll', order: 80 } },
  { path: '/verwaltung/benutzer', element: <UsersPage />, roles: ['ADMIN'], nav: { label: 'Benutzer', order: 90 } },
  { path: '/verwaltung/parameter', element: <ParametersPage />, roles: KREIS, nav: { label: 'Parameter', order: 91, roles: ['ADMIN'] } },
  { path: '/verwaltung/basiszins', element: <BaseRatesPage />, roles: KREIS, nav: { label: 'Basiszins', order: 92, roles: ['ADMIN'] } },
];

export function navigationFor(me: Me): { path: string; label: string }[] {
  return appRoutes
    .filter((r) => r.nav && (!r.roles || hasRole(me, ...r.roles)) && (!r.nav.roles || hasRole(me, ...r.nav.roles)))
    .sort((a, b) => a.nav!.order - b.nav!.order)
    .map((r) => ({ path: r.path, label: r.nav!.label }));
}
