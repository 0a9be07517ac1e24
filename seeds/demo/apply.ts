import type { DataSource } from 'typeorm';
import { systemScope } from '@foerderfluss/core';
import { appendAuditEvent } from '@foerderfluss/audit';
import { hashPassword } from '@foerderfluss/identity';
import { DEMO_ORGANISATIONS } from './organisations';
import { DEMO_PASSWORD, DEMO_USERS } from './users';

/**
 * The Altenburger Land 2026 demo: Land, Kreis, Träger and one user per role. Idempotent:
 * existing rows (by organisation code, by user e-mail) are left exactly as they are, so a
 * demo that people have worked in is never reset by a restart.
 */
export async function applyDemoSeeds(ds: DataSource, nodeEnv: string): Promise<{ organisations: number; users: number }> {
  if (nodeEnv === 'production') {
    throw new Error('Demo-Daten werden in Produktion nicht eingespielt (NODE_ENV=production).');
  }
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) hashes.set(u.email, await hashPassword(DEMO_PASSWORD));

  return ds.transaction(async (em) => {
    const scope = systemScope();
    let organisations = 0;
    for (const o of DEMO_ORGANISATIONS) {
      const rows = (await em.query(
        `INSERT INTO organisation (code, kind, name, legal_form, street, postal_code, city, contact_name, contact_email,
                                   contact_phone, non_profit, non_profit_notice_date, vat_deductible, iban, bic,
                                   account_holder, bank_account_status, bank_account_changed_at, bank_account_confirmed_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'CONFIRMED', now(), now())
         ON CONFLICT (code) WHERE code IS NOT NULL DO NOTHING
         RETURNING id`,
        [
          o.code, o.kind, o.name, o.legalForm, o.street, o.postalCode, o.city, o.contactName, o.contactEmail,
          o.contactPhone, o.nonProfit, o.nonProfitNoticeDate, o.vatDeductible, o.iban, o.bic, o.accountHolder,
        ],
      )) as { id: string }[];
      if (rows[0]) {
        organisations += 1;
        await appendAuditEvent(em, scope, {
          action: 'seed.demo.organisation.create',
          entity: 'Organisation',
          entityId: rows[0].id,
          after: { ...o },
        });
      }
    }
    let users = 0;
    for (const u of DEMO_USERS) {
      const rows = (await em.query(
        `INSERT INTO app_user (email, display_name, password_hash, active, roles, organisation_id)
         VALUES ($1, $2, $3, true, $4, (SELECT id FROM organisation WHERE code = $5))
         ON CONFLICT (email) DO NOTHING
         RETURNING id, organisation_id`,
        [u.email, u.displayName, hashes.get(u.email), [...u.roles], u.organisationCode],
      )) as { id: string; organisation_id: string | null }[];
      if (rows[0]) {
        users += 1;
        await appendAuditEvent(em, scope, {
          action: 'seed.demo.user.create',
          entity: 'User',
          entityId: rows[0].id,
          after: { email: u.email, displayName: u.displayName, roles: u.roles, organisationId: rows[0].organisation_id },
        });
      }
    }
    return { organisations, users };
  });
}
