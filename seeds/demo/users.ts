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

/**
 * The six demo users first, then the Sachgebietsleitung with both STAFF and APPROVER
 * (issue 16); then one account for each further demo Träger, so the demo
 * applications of those Träger are filed by someone of their own organisation.
 */
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
    // The Rechnungsprüfung of the Landratsamt: an account without organisation would read every Kreis (issue 20).
    organisationCode: 'DISTRICT_ALTENBURGER_LAND',
  },
  // Sachgebietsleitung: reviews and proposes like Sachbearbeitung and signs like Zeichnungsbefugnis,
  // but never both on the same case (four eyes; the demo of "not offered on one's own proposal").
  {
    email: 'sachgebietsleitung@demo.foerderfluss.de',
    displayName: 'Katrin Lorenz (Sachgebietsleitung, Demo)',
    roles: ['STAFF', 'APPROVER'],
    organisationCode: 'DISTRICT_ALTENBURGER_LAND',
  },
  { email: 'brueckenschlag@demo.foerderfluss.de', displayName: 'Kerstin Vogt (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_WELFARE_ASSOCIATION' },
  { email: 'begegnung@demo.foerderfluss.de', displayName: 'Samira Haddad (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_MIGRANT_ORGANISATION' },
  { email: 'bildungswerk@demo.foerderfluss.de', displayName: 'Dr. Ulrike Berger (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_EDUCATION' },
  { email: 'jugendhilfe@demo.foerderfluss.de', displayName: 'Kevin Schubert (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_YOUTH_WELFARE' },
  { email: 'sportverein@demo.foerderfluss.de', displayName: 'Ahmad Haddad (Träger, Demo)', roles: ['PROVIDER'], organisationCode: 'PROVIDER_SPORTS_CLUB' },
];
