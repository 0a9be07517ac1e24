import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import { APP_CONFIG, type AppConfig, DomainError, type FieldError, forbidden, hasRole, notFound, Role, type Scope, validationError } from '@foerderfluss/core';
import { pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { type BudgetLine, DistrictSetting, REFERENCE_PREFIX } from './district-setting.entity';
import { DistrictSettingRepository, type DistrictRow } from './district-setting.repository';

/** The letterhead and signature block a Kreis's letters carry, every value resolved. */
export interface DistrictLetterhead {
  name: string;
  department: string;
  districtName: string;
  authorityName: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  website: string;
  bankName: string;
  officeHours: string[];
  /** Place of signing ("Greiz, den …"). */
  place: string;
  /** Who represents the Kreis in a contract; null: the letters' default („den Landrat“). */
  representedBy: string | null;
}

export interface DistrictDebtor {
  name: string;
  iban: string | null;
  bic: string | null;
}

/** A Kreis's settings as they apply: stored values, else the fallbacks (see DistrictSetting). */
export interface EffectiveDistrictSettings {
  districtId: string;
  districtCode: string | null;
  districtName: string;
  /** The install's first Kreis: its empty values fall back to the configuration. */
  home: boolean;
  referencePrefix: string | null;
  letterhead: DistrictLetterhead;
  debtor: DistrictDebtor;
  budgetLines: BudgetLine[];
  districtShareDefault: string | null;
}

/** What the ADMIN edits: every value optional; null or empty means „use the fallback“. */
export interface DistrictSettingsInput {
  referencePrefix?: string | null;
  letterheadName?: string | null;
  letterheadDepartment?: string | null;
  letterheadDistrictName?: string | null;
  letterheadAuthorityName?: string | null;
  letterheadStreet?: string | null;
  letterheadPostalCode?: string | null;
  letterheadCity?: string | null;
  letterheadPhone?: string | null;
  letterheadEmail?: string | null;
  letterheadWebsite?: string | null;
  letterheadBankName?: string | null;
  letterheadOfficeHours?: string[] | null;
  signaturePlace?: string | null;
  signatureRepresentedBy?: string | null;
  debtorName?: string | null;
  debtorIban?: string | null;
  debtorBic?: string | null;
  budgetLines?: BudgetLine[] | null;
  districtShareDefault?: string | null;
}

export interface DistrictSettingsView {
  districtId: string;
  districtCode: string | null;
  districtName: string;
  home: boolean;
  /** The stored values (null: not set, the fallback applies). */
  stored: Required<DistrictSettingsInput>;
  /** What the Kreis's letters, references and payment files use. */
  effective: EffectiveDistrictSettings;
  version: number;
  updatedAt: string | null;
}

const TEXT_FIELDS = [
  'letterheadName',
  'letterheadDepartment',
  'letterheadDistrictName',
  'letterheadAuthorityName',
  'letterheadStreet',
  'letterheadPostalCode',
  'letterheadCity',
  'letterheadPhone',
  'letterheadEmail',
  'letterheadWebsite',
  'letterheadBankName',
  'signaturePlace',
  'signatureRepresentedBy',
  'debtorName',
] as const;

const MAX_TEXT = 200;

/**
 * Per-Kreis settings (issue 20): read and changed by the Kreis's ADMIN (its own Kreis) or an ADMIN
 * of the Land (any Kreis); resolved with their fallbacks for letters, Aktenzeichen and payment files.
 */
@Injectable()
export class DistrictSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly repo: DistrictSettingRepository,
  ) {}

  async view(scope: Scope, districtId: string): Promise<DistrictSettingsView> {
    const district = await this.accessible(scope, districtId, this.tx.manager);
    const setting = await this.repo.setting(this.tx.manager, district.id);
    return this.toView(district, setting, await this.isHome(this.tx.manager, district.id));
  }

  async update(scope: Scope, districtId: string, input: DistrictSettingsInput, version?: number): Promise<DistrictSettingsView> {
    const clean = checkedInput(input);
    return this.tx.run(async (em) => {
      const district = await this.accessible(scope, districtId, em);
      const existing = await this.repo.setting(em, district.id, true);
      if (existing && version !== undefined && version !== existing.version) {
        throw new DomainError('DISTRICT_SETTING_STALE', 409, 'Die Einstellungen wurden inzwischen geändert. Bitte neu laden und erneut speichern.');
      }
      const before = existing ? storedOf(existing) : null;
      const saved = await this.write(em, district.id, existing, clean, scope.userId);
      await this.audit.record(em, scope, {
        action: 'district.settings.change',
        entity: 'DistrictSetting',
        entityId: district.id,
        before,
        after: storedOf(saved),
      });
      return this.toView(district, saved, await this.isHome(em, district.id));
    });
  }

  /** The first settings of a new Kreis, inside the onboarding transaction (which records the audit event). */
  async createInTransaction(em: EntityManager, districtId: string, input: DistrictSettingsInput, userId: string | null): Promise<DistrictSetting> {
    return this.write(em, districtId, null, checkedInput(input), userId);
  }

  /** The settings as they apply to the Kreis's records; no access check (letters, payment files, references). */
  async effective(districtId: string, em: EntityManager = this.tx.manager): Promise<EffectiveDistrictSettings> {
    const district = await this.repo.district(em, districtId);
    if (!district) throw notFound('DISTRICT_NOT_FOUND', 'Der Landkreis wurde nicht gefunden.');
    return this.resolve(district, await this.repo.setting(em, districtId), await this.isHome(em, districtId));
  }

  /**
   * The series of a Kreis's reference numbers: the bare series (`A`, `FF`, `PF`) for a Kreis without
   * prefix, else `GRZ-A`. Every series has its own counter, so numbers stay unique install-wide.
   */
  async referenceSeries(em: EntityManager, districtId: string | null | undefined, series: string): Promise<string> {
    if (!districtId) return series;
    const prefix = (await this.repo.setting(em, districtId))?.referencePrefix ?? null;
    return prefix ? `${prefix}-${series}` : series;
  }

  /** The SEPA debtor of the Kreis's payment files; 409 when the Kreis has none. */
  async debtor(em: EntityManager, districtId: string): Promise<{ name: string; iban: string; bic: string | null }> {
    const { debtor, districtName } = await this.effective(districtId, em);
    if (!debtor.iban) {
      throw new DomainError(
        'DISTRICT_DEBTOR_MISSING',
        409,
        `Für den ${districtName} ist kein Auftraggeberkonto (IBAN) hinterlegt. Bitte in den Einstellungen des Landkreises eintragen.`,
      );
    }
    return { name: debtor.name, iban: debtor.iban, bic: debtor.bic };
  }

  // ───────────────────────────── internals ─────────────────────────────

  private async accessible(scope: Scope, districtId: string, em: EntityManager): Promise<DistrictRow> {
    if (!hasRole(scope, Role.ADMIN)) throw forbidden('FORBIDDEN', 'Für diese Aktion fehlt Ihnen die Berechtigung.');
    const missing = notFound('DISTRICT_NOT_FOUND', 'Der Landkreis wurde nicht gefunden.');
    if (!/^[0-9a-f-]{36}$/i.test(districtId)) throw missing;
    // A Kreis's ADMIN sees its own Kreis only; the Land's ADMIN (stateId) and the system every Kreis.
    if (scope.districtId && scope.districtId !== districtId) throw missing;
    if (!scope.districtId && !scope.stateId && scope.organisationId) throw missing;
    const district = await this.repo.district(em, districtId);
    if (!district) throw missing;
    return district;
  }

  private async isHome(em: EntityManager, districtId: string): Promise<boolean> {
    return (await this.repo.homeDistrictId(em)) === districtId;
  }

  private async write(em: EntityManager, districtId: string, existing: DistrictSetting | null, input: CleanInput, userId: string | null): Promise<DistrictSetting> {
    const row = existing ?? Object.assign(new DistrictSetting(), { districtId, budgetLines: [] });
    for (const [key, value] of Object.entries(input) as [keyof CleanInput, unknown][]) {
      (row as unknown as Record<string, unknown>)[key] = value;
    }
    row.updatedBy = userId;
    try {
      return await this.repo.save(em, row);
    } catch (err) {
      if (pgErrorCode(err) === '23505') {
        throw new DomainError('DISTRICT_PREFIX_TAKEN', 409, 'Dieses Aktenzeichen-Präfix verwendet bereits ein anderer Landkreis.', [
          { path: 'referencePrefix', message: 'Dieses Präfix ist bereits vergeben.' },
        ]);
      }
      throw err;
    }
  }

  private resolve(district: DistrictRow, s: DistrictSetting | null, home: boolean): EffectiveDistrictSettings {
    const h = this.config.letterhead;
    const place = (district.city ?? '').trim();
    const shortName = district.name.replace(/\s*[–-]\s*Landratsamt\s*$/u, '').trim();
    // Home Kreis: the configuration as before; any other Kreis: its organisation's master data.
    const fallback = home
      ? { ...h, officeHours: [...h.officeHours] }
      : {
          name: district.name,
          department: h.department,
          districtName: shortName,
          authorityName: `Landratsamt ${shortName.replace(/^Landkreis\s+/u, '')}`,
          street: district.street ?? '',
          postalCode: district.postalCode ?? '',
          city: place,
          phone: district.contactPhone ?? '',
          email: district.contactEmail ?? '',
          website: '',
          bankName: '',
          officeHours: [] as string[],
        };
    const letterhead: DistrictLetterhead = {
      name: s?.letterheadName ?? fallback.name,
      department: s?.letterheadDepartment ?? fallback.department,
      districtName: s?.letterheadDistrictName ?? fallback.districtName,
      authorityName: s?.letterheadAuthorityName ?? fallback.authorityName,
      street: s?.letterheadStreet ?? fallback.street,
      postalCode: s?.letterheadPostalCode ?? fallback.postalCode,
      city: s?.letterheadCity ?? fallback.city,
      phone: s?.letterheadPhone ?? fallback.phone,
      email: s?.letterheadEmail ?? fallback.email,
      website: s?.letterheadWebsite ?? fallback.website,
      bankName: s?.letterheadBankName ?? fallback.bankName,
      officeHours: s?.letterheadOfficeHours ?? fallback.officeHours,
      place: '',
      representedBy: s?.signatureRepresentedBy ?? null,
    };
    letterhead.place = s?.signaturePlace ?? letterhead.city;
    const debtor: DistrictDebtor = home
      ? {
          name: s?.debtorName ?? this.config.districtDebtorName,
          iban: s?.debtorIban ?? this.config.districtDebtorIban,
          bic: s?.debtorIban ? s.debtorBic : (s?.debtorBic ?? this.config.districtDebtorBic),
        }
      : { name: s?.debtorName ?? letterhead.districtName, iban: s?.debtorIban ?? null, bic: s?.debtorBic ?? null };
    return {
      districtId: district.id,
      districtCode: district.code,
      districtName: district.name,
      home,
      referencePrefix: s?.referencePrefix ?? null,
      letterhead,
      debtor,
      budgetLines: s?.budgetLines ?? [],
      districtShareDefault: s?.districtShareDefault ?? null,
    };
  }

  private toView(district: DistrictRow, s: DistrictSetting | null, home: boolean): DistrictSettingsView {
    return {
      districtId: district.id,
      districtCode: district.code,
      districtName: district.name,
      home,
      stored: s ? storedOf(s) : emptyStored(),
      effective: this.resolve(district, s, home),
      version: s?.version ?? 0,
      updatedAt: s?.updatedAt?.toISOString() ?? null,
    };
  }
}

type CleanInput = Partial<Required<DistrictSettingsInput>>;

/** Trims, turns empty into null and checks every given value; German field errors. */
export function checkedInput(input: DistrictSettingsInput): CleanInput {
  const errors: FieldError[] = [];
  const out: CleanInput = {};
  const text = (v: string | null | undefined): string | null => (v === null || v === undefined ? null : v.trim() === '' ? null : v.trim());
  for (const key of TEXT_FIELDS) {
    if (input[key] === undefined) continue;
    const v = text(input[key]);
    if (v !== null && v.length > MAX_TEXT) errors.push({ path: key, message: `Bitte höchstens ${MAX_TEXT} Zeichen angeben.` });
    out[key] = v;
  }
  if (input.referencePrefix !== undefined) {
    const p = text(input.referencePrefix);
    if (p !== null && !REFERENCE_PREFIX.test(p)) {
      errors.push({ path: 'referencePrefix', message: 'Das Präfix besteht aus 2 bis 5 Großbuchstaben (z. B. „GRZ“).' });
    }
    out.referencePrefix = p;
  }
  if (out.letterheadEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(out.letterheadEmail)) {
    errors.push({ path: 'letterheadEmail', message: 'Bitte eine gültige E-Mail-Adresse angeben.' });
  }
  if (out.letterheadPostalCode && !/^\d{5}$/.test(out.letterheadPostalCode)) {
    errors.push({ path: 'letterheadPostalCode', message: 'Die Postleitzahl hat fünf Ziffern.' });
  }
  if (input.letterheadOfficeHours !== undefined) {
    const hours = (input.letterheadOfficeHours ?? []).map((h) => h.trim()).filter((h) => h !== '');
    if (hours.length > 10) errors.push({ path: 'letterheadOfficeHours', message: 'Bitte höchstens 10 Zeilen Sprechzeiten angeben.' });
    if (hours.some((h) => h.length > MAX_TEXT)) errors.push({ path: 'letterheadOfficeHours', message: `Eine Zeile hat höchstens ${MAX_TEXT} Zeichen.` });
    out.letterheadOfficeHours = input.letterheadOfficeHours === null ? null : hours;
  }
  if (input.debtorIban !== undefined) {
    const raw = text(input.debtorIban);
    if (raw === null) out.debtorIban = null;
    else {
      const iban = electronicFormatIBAN(raw) ?? '';
      if (!isValidIBAN(iban) || !isSEPACountry(iban.slice(0, 2))) {
        errors.push({ path: 'debtorIban', message: 'Die IBAN ist ungültig (Prüfziffer oder Länge stimmt nicht) oder liegt außerhalb des SEPA-Raums.' });
      }
      out.debtorIban = iban;
    }
  }
  if (input.debtorBic !== undefined) {
    const raw = text(input.debtorBic);
    const bic = raw === null ? null : raw.replace(/\s+/g, '').toUpperCase();
    if (bic !== null && !isValidBIC(bic)) errors.push({ path: 'debtorBic', message: 'Die BIC ist ungültig (8 oder 11 Zeichen, z. B. HELADEF1GRZ).' });
    out.debtorBic = bic;
  }
  if (input.budgetLines !== undefined) {
    const lines = input.budgetLines ?? [];
    if (lines.length > 50) errors.push({ path: 'budgetLines', message: 'Bitte höchstens 50 Haushaltsstellen angeben.' });
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      const code = (l.code ?? '').trim();
      const label = (l.label ?? '').trim();
      if (code === '' || code.length > 40) errors.push({ path: `budgetLines.${i}.code`, message: 'Bitte die Haushaltsstelle angeben (höchstens 40 Zeichen).' });
      else if (seen.has(code)) errors.push({ path: `budgetLines.${i}.code`, message: 'Diese Haushaltsstelle ist doppelt angegeben.' });
      if (label.length > MAX_TEXT) errors.push({ path: `budgetLines.${i}.label`, message: `Bitte höchstens ${MAX_TEXT} Zeichen angeben.` });
      seen.add(code);
    });
    out.budgetLines = lines.map((l) => ({ code: (l.code ?? '').trim(), label: (l.label ?? '').trim() }));
  }
  if (input.districtShareDefault !== undefined) {
    const v = text(input.districtShareDefault);
    if (v !== null && (!/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(v))) {
      errors.push({ path: 'districtShareDefault', message: 'Der Eigenanteil ist ein Anteil zwischen 0 und 1 mit höchstens vier Nachkommastellen (z. B. 0.1).' });
    }
    out.districtShareDefault = v;
  }
  if (errors.length > 0) throw validationError(errors);
  return out;
}

function storedOf(s: DistrictSetting): Required<DistrictSettingsInput> {
  return {
    referencePrefix: s.referencePrefix ?? null,
    letterheadName: s.letterheadName ?? null,
    letterheadDepartment: s.letterheadDepartment ?? null,
    letterheadDistrictName: s.letterheadDistrictName ?? null,
    letterheadAuthorityName: s.letterheadAuthorityName ?? null,
    letterheadStreet: s.letterheadStreet ?? null,
    letterheadPostalCode: s.letterheadPostalCode ?? null,
    letterheadCity: s.letterheadCity ?? null,
    letterheadPhone: s.letterheadPhone ?? null,
    letterheadEmail: s.letterheadEmail ?? null,
    letterheadWebsite: s.letterheadWebsite ?? null,
    letterheadBankName: s.letterheadBankName ?? null,
    letterheadOfficeHours: s.letterheadOfficeHours ?? null,
    signaturePlace: s.signaturePlace ?? null,
    signatureRepresentedBy: s.signatureRepresentedBy ?? null,
    debtorName: s.debtorName ?? null,
    debtorIban: s.debtorIban ?? null,
    debtorBic: s.debtorBic ?? null,
    budgetLines: s.budgetLines ?? [],
    districtShareDefault: s.districtShareDefault ?? null,
  };
}

function emptyStored(): Required<DistrictSettingsInput> {
  return storedOf(Object.assign(new DistrictSetting(), { budgetLines: [] }));
}
