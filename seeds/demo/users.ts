/**
 * One demo user per role (README "Demo-Zugänge"). The password is for demo installations
 * only; demo seeding refuses to run with NODE_ENV=production.
 */
export const DEMO_PASSWORD = 'Demo-Passwort-2026';

export interface DemoUserSeed {
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly ('ADMIN' | 'STAFF' | 'APPROVER' | 'PROVIDER' | 'AUDITOR')[];
  /** Organisation code from organisations.ts, or null. */
  readonly organisationCode: string | null;
}

export const DEMO_USERS: readonly DemoUserSeed[] = [
  {
    email: 'admin@demo.foerderfluss.de',
    displayName: 'Andreas Vogel (Administration, Demo)',
    roles: ['ADMIN'],
    organisationCode: 'DISTRICT_ALTENBURGER_LAND',
  },
  {
    email: 'sachbearbeitung@demo.foerderfluss.de',
    displayName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)',
    roles: ['STAFF'],
    organisationCode: 'DISTRICT_ALTENBURGER_LAND',
  },
  {
    email: 'zeichnung@demo.foerderfluss.de',
    displayName: 'Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)',
    roles: ['APPROVER'],
    organisationCode: 'DISTRICT_ALTENBURGER_LAND',
  },
  {
    email: 'traeger@demo.foerderfluss.de',
    displayName: 'Maria Schubert (Träger, Demo)',
    roles: ['PROVIDER'],
    organisationCode: 'PROVIDER_PROTESTANT_SOCIAL_WORK',
  },
  {
    email: 'traeger2@demo.foerderfluss.de',
    displayName: 'Jonas Hartmann (Träger, Demo)',
    roles: ['PROVIDER'],
    organisationCode: 'PROVIDER_CATHOLIC_SOCIAL_SERVICE',
  },
  {
    email: 'pruefung@demo.foerderfluss.de',
    displayName: 'Petra Lindner (Rechnungsprüfung, Demo)',
    roles: ['AUDITOR'],
    organisationCode: null,
  },
];
