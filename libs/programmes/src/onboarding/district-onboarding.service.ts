import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError, forbidden, hasRole, isStateLevel, Role, runWithTenancy, type Scope, validationError } from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { UsersService } from '@foerderfluss/identity';
import { DistrictSettingsService, REFERENCE_PREFIX } from '@foerderfluss/organisations';
import { DistrictOnboardingRepository } from './district-onboarding.repository';
import { parseSocialAreasCsv, type SocialAreaRow } from './social-areas-csv';

/** A new Kreis: what `POST /api/v1/districts` and `npm run district:create` take. */
export interface DistrictOnboardingInput {
  /** Organisation code, e.g. `DISTRICT_GREIZ`. */
  code: string;
  /** e.g. „Landkreis Greiz – Landratsamt“ */
  name: string;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  /** Aktenzeichen prefix, e.g. `GRZ`. */
  referencePrefix?: string | null;
  /** The Sozialräume as CSV (`code;name;gemeinden`). */
  socialAreasCsv?: string | null;
  /** The Kreis's first ADMIN, with a one-time password. */
  admin?: { email: string; displayName: string } | null;
}

export interface DistrictOnboardingResult {
  /** False: a Kreis with this code exists; nothing was changed. */
  created: boolean;
  district: { id: string; code: string; name: string };
  /** The Sozialräume created (with the code they got, prefixed when the file's code was taken). */
  socialAreas: { code: string; name: string; municipalities: string[] }[];
  /** The first ADMIN; `initialPassword` is shown this once and stored nowhere in clear. */
  admin: { id: string; email: string; displayName: string; initialPassword: string } | null;
}

const DISTRICT_CODE = /^DISTRICT_[A-Z0-9_]{2,50}$/;

/**
 * Onboarding of a Kreis (issue 20 item 6) in one transaction: the organisation (kind DISTRICT), its
 * settings (Aktenzeichen prefix), its Sozialräume from a CSV file and its first ADMIN. The
 * Handlungsfelder and the programme's parameters are the Land's (global data): the new Kreis uses
 * them as they are, nothing is copied. Idempotent by code: a second run with the same code changes
 * nothing and says so (`created: false`). Only the Land's ADMIN or the system may onboard.
 */
@Injectable()
export class DistrictOnboardingService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly settings: DistrictSettingsService,
    private readonly repo: DistrictOnboardingRepository,
  ) {}

  async onboard(scope: Scope, input: DistrictOnboardingInput): Promise<DistrictOnboardingResult> {
    const isSystem = scope.userId === null;
    if (!hasRole(scope, Role.ADMIN) || !(isSystem || isStateLevel(scope))) {
      throw forbidden('DISTRICT_ONBOARDING_FORBIDDEN', 'Einen Landkreis anlegen kann nur die Administration des Landes.');
    }
    const checked = checkedInput(input);
    const existing = await this.repo.organisationByCode(this.tx.manager, checked.code);
    if (existing) {
      if (existing.kind !== 'DISTRICT') {
        throw new DomainError('DISTRICT_CODE_TAKEN', 409, `Das Kürzel „${checked.code}“ trägt bereits eine Organisation, die kein Landkreis ist.`, [
          { path: 'code', message: 'Dieses Kürzel ist bereits vergeben.' },
        ]);
      }
      return { created: false, district: { id: existing.id, code: checked.code, name: existing.name }, socialAreas: [], admin: null };
    }
    const rows = checked.socialAreasCsv !== null ? parseSocialAreasCsv(checked.socialAreasCsv) : [];
    // Sozialraum codes are unique install-wide: a code another Kreis uses gets the Kreis's prefix.
    const short = checked.referencePrefix ?? checked.code.replace(/^DISTRICT_/, '');
    const taken = await this.repo.takenSocialAreaCodes(this.tx.manager, rows.map((r) => r.code));
    const areas = rows.map((r, i) => ({ ...r, code: taken.has(r.code) ? `${short}_${r.code}` : r.code, sortOrder: i + 1 }));
    const prefixedTaken = await this.repo.takenSocialAreaCodes(this.tx.manager, areas.filter((a) => taken.has(a.code.slice(short.length + 1))).map((a) => a.code));
    if (prefixedTaken.size > 0) {
      throw validationError(
        areas.filter((a) => prefixedTaken.has(a.code)).map((a): FieldError => ({ path: 'socialAreas', message: `Zeile ${a.line}, Spalte „code“: Das Kürzel ist schon vergeben, auch als „${a.code}“.` })),
      );
    }
    if (checked.admin && (await this.users.emailExists(this.tx.manager, checked.admin.email))) {
      throw new DomainError('DISTRICT_ADMIN_EMAIL_TAKEN', 409, 'Für diese E-Mail-Adresse gibt es bereits ein Konto.', [{ path: 'admin.email', message: 'Diese E-Mail-Adresse ist bereits vergeben.' }]);
    }
    const id = randomUUID();
    const initialPassword = checked.admin ? oneTimePassword() : null;
    try {
      // The writes act as the new Kreis (its row-level security), not as the Land, whose tier may
      // not write a Kreis's Sozialräume.
      return await runWithTenancy({ districtId: id, state: false }, () =>
        this.tx.run(async (em) => {
          const again = await this.repo.organisationByCode(em, checked.code);
          if (again) return { created: false, district: { id: again.id, code: checked.code, name: again.name }, socialAreas: [], admin: null };
          await this.repo.insertDistrict(em, { id, code: checked.code, name: checked.name, street: checked.street, postalCode: checked.postalCode, city: checked.city });
          await this.settings.createInTransaction(em, id, { referencePrefix: checked.referencePrefix }, scope.userId);
          for (const a of areas) await this.repo.insertSocialArea(em, id, a);
          const admin = checked.admin
            ? await this.users.createInTransaction(em, scope, { email: checked.admin.email, displayName: checked.admin.displayName, password: initialPassword!, roles: [Role.ADMIN], organisationId: id })
            : null;
          const result: DistrictOnboardingResult = {
            created: true,
            district: { id, code: checked.code, name: checked.name },
            socialAreas: areas.map((a) => ({ code: a.code, name: a.name, municipalities: a.municipalities })),
            admin: admin ? { id: admin.id, email: admin.email, displayName: admin.displayName, initialPassword: initialPassword! } : null,
          };
          await this.audit.record(em, scope, {
            action: 'district.onboard',
            entity: 'Organisation',
            entityId: id,
            after: {
              code: checked.code,
              name: checked.name,
              street: checked.street,
              postalCode: checked.postalCode,
              city: checked.city,
              referencePrefix: checked.referencePrefix,
              socialAreas: result.socialAreas.map((a) => a.code),
              adminUserId: admin?.id ?? null,
            },
          });
          return result;
        }),
      );
    } catch (err) {
      if (pgErrorCode(err) === '23505') {
        throw new DomainError('DISTRICT_ONBOARDING_CONFLICT', 409, 'Kürzel, Aktenzeichen-Präfix oder ein Sozialraum-Kürzel wurde gerade anderweitig vergeben. Bitte erneut versuchen.');
      }
      throw err;
    }
  }
}

interface CheckedInput {
  code: string;
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  referencePrefix: string | null;
  socialAreasCsv: string | null;
  admin: { email: string; displayName: string } | null;
}

function checkedInput(input: DistrictOnboardingInput): CheckedInput {
  const errors: FieldError[] = [];
  const opt = (v: string | null | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);
  const code = (input.code ?? '').trim().toUpperCase();
  const name = (input.name ?? '').trim();
  if (!DISTRICT_CODE.test(code)) errors.push({ path: 'code', message: 'Das Kürzel beginnt mit „DISTRICT_“, gefolgt von Großbuchstaben, Ziffern oder „_“ (z. B. „DISTRICT_GREIZ“).' });
  if (name === '' || name.length > 200) errors.push({ path: 'name', message: 'Bitte den Namen des Landkreises angeben (höchstens 200 Zeichen).' });
  const postalCode = opt(input.postalCode);
  if (postalCode !== null && !/^\d{5}$/.test(postalCode)) errors.push({ path: 'postalCode', message: 'Die Postleitzahl hat fünf Ziffern.' });
  const referencePrefix = opt(input.referencePrefix);
  if (referencePrefix !== null && !REFERENCE_PREFIX.test(referencePrefix)) errors.push({ path: 'referencePrefix', message: 'Das Präfix besteht aus 2 bis 5 Großbuchstaben (z. B. „GRZ“).' });
  let admin: CheckedInput['admin'] = null;
  if (input.admin) {
    const email = input.admin.email.trim().toLowerCase();
    const displayName = input.admin.displayName.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ path: 'admin.email', message: 'Bitte eine gültige E-Mail-Adresse angeben.' });
    if (displayName === '' || displayName.length > 200) errors.push({ path: 'admin.displayName', message: 'Bitte den Namen der Person angeben (höchstens 200 Zeichen).' });
    admin = { email, displayName };
  }
  if (errors.length > 0) throw validationError(errors);
  return {
    code,
    name,
    street: opt(input.street),
    postalCode,
    city: opt(input.city),
    referencePrefix,
    socialAreasCsv: input.socialAreasCsv && input.socialAreasCsv.trim() !== '' ? input.socialAreasCsv : null,
    admin,
  };
}

/** 18 random characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: 18 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export type { SocialAreaRow };
