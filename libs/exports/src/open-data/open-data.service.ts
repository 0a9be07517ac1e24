import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError, forbidden, hasRole, notFound, Role, type Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import {
  OPEN_DATA_LICENCES,
  type OpenDataLicence,
  OpenDataSetting,
  ORG_IDENTIFIER,
  THREE_SIXTY_GIVING_PREFIX,
} from './open-data-setting.entity';
import { type DistrictRecord, OpenDataRepository } from './open-data.repository';
import { organisationIdentifier, type PublishedGrant, type Publisher, toPublishedGrant } from './three-sixty-giving';

export interface OpenDataSettingsView {
  enabled: boolean;
  prefix: string | null;
  funderIdentifier: string | null;
  /** The identifier the grants name the Kreis by (the funder identifier, else one under the prefix). */
  effectiveFunderIdentifier: string | null;
  funderName: string;
  licence: OpenDataLicence;
  licenceUrl: string;
  version: number;
  updatedAt: string | null;
}

export interface OpenDataSettingsInput {
  enabled: boolean;
  prefix: string | null;
  funderIdentifier: string | null;
  licence: OpenDataLicence;
  /** The version the ADMIN edited (optimistic lock); absent for the first save. */
  version?: number;
}

export interface OpenDataPublication {
  grants: PublishedGrant[];
  licenceUrl: string;
}

/** The earliest and latest budget year one may ask for: a typo (20266) is a 400, not an empty list. */
export const OPEN_DATA_YEAR_MIN = 2000;
export const OPEN_DATA_YEAR_MAX = 2100;

const NOT_PUBLISHED =
  'Der Landkreis veröffentlicht seine Förderungen derzeit nicht als offene Daten (360Giving).';

/**
 * 360Giving open data (issue 19 item 5): the Kreis's settings (ADMIN) and the publication itself,
 * public when switched on. Every change of the settings is one transaction with its audit event.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly repo: OpenDataRepository,
  ) {}

  async settings(scope: Scope): Promise<OpenDataSettingsView> {
    adminOnly(scope);
    const district = await this.requireDistrict(scope);
    return view(district, await this.repo.setting(district.id));
  }

  async update(scope: Scope, input: OpenDataSettingsInput): Promise<OpenDataSettingsView> {
    adminOnly(scope);
    const prefix = input.prefix?.trim() || null;
    const funderIdentifier = input.funderIdentifier?.trim() || null;
    const errors: FieldError[] = [];
    if (prefix !== null && !THREE_SIXTY_GIVING_PREFIX.test(prefix)) {
      errors.push({
        path: 'prefix',
        message: 'Das Präfix beginnt mit „360G-“, gefolgt von Buchstaben, Ziffern und einzelnen Bindestrichen (z. B. „360G-altenburgerland“); es endet nicht mit einem Bindestrich.',
      });
    }
    if (prefix !== null && prefix.length > 60) errors.push({ path: 'prefix', message: 'Bitte höchstens 60 Zeichen angeben.' });
    if (input.enabled && prefix === null) {
      errors.push({ path: 'prefix', message: 'Zum Veröffentlichen ist das bei 360Giving registrierte Präfix nötig.' });
    }
    if (funderIdentifier !== null && (!ORG_IDENTIFIER.test(funderIdentifier) || funderIdentifier.length > 100)) {
      errors.push({
        path: 'funderIdentifier',
        message: 'Bitte eine Organisationskennung nach org-id.guide angeben, z. B. „XI-LEI-…“ oder „DE-CR-…“ (ohne Leerzeichen), oder das Feld leer lassen.',
      });
    }
    if (errors.length > 0) throw validationError(errors);

    return this.tx.run(async (em) => {
      const district = await this.requireDistrict(scope);
      const existing = await this.repo.setting(district.id, em, true);
      if (existing && input.version !== undefined && input.version !== existing.version) {
        throw new DomainError('OPEN_DATA_SETTING_STALE', 409, 'Die Einstellungen wurden inzwischen geändert. Bitte neu laden und erneut speichern.');
      }
      const before = existing ? snapshot(existing) : null;
      const row = existing ?? Object.assign(new OpenDataSetting(), { districtId: district.id });
      row.enabled = input.enabled;
      row.prefix = prefix;
      row.funderIdentifier = funderIdentifier;
      row.licence = input.licence;
      row.updatedBy = scope.userId;
      const saved = await this.repo.save(row, em);
      await this.audit.record(em, scope, {
        action: 'open-data.settings.change',
        entity: 'OpenDataSetting',
        entityId: district.id,
        before,
        after: snapshot(saved),
      });
      return view(district, saved);
    });
  }

  /** How many grants a year would publish (for the ADMIN's page, also while switched off). */
  async preview(scope: Scope, year: number): Promise<number> {
    adminOnly(scope);
    return this.repo.countGrants(year, (await this.requireDistrict(scope)).id);
  }

  /** The public package: 404 while the Kreis has not switched it on. */
  async publication(year: number, districtCode?: string): Promise<OpenDataPublication> {
    const district = await this.repo.district(undefined, { code: districtCode ?? null });
    const setting = district ? await this.repo.setting(district.id) : null;
    if (!district || !setting?.enabled || !setting.prefix) throw notFound('OPEN_DATA_NOT_PUBLISHED', NOT_PUBLISHED);
    const publisher: Publisher = {
      prefix: setting.prefix,
      funderIdentifier: setting.funderIdentifier,
      districtId: district.id,
      districtCode: district.code,
      districtName: district.name,
    };
    const records = await this.repo.grants(year, district.id);
    return { grants: records.map((r) => toPublishedGrant(r, publisher)), licenceUrl: OPEN_DATA_LICENCES[setting.licence] };
  }

  /** The caller's Kreis (a Kreis ADMIN: its own, issue 20), else the install's first. */
  private async requireDistrict(scope: Scope): Promise<DistrictRecord> {
    const district = await this.repo.district(undefined, { id: scope.districtId ?? null });
    if (!district) throw notFound('DISTRICT_NOT_FOUND', 'Es ist kein Landkreis (Organisation der Art „Landkreis“) angelegt.');
    return district;
  }
}

function adminOnly(scope: Scope): void {
  if (!hasRole(scope, Role.ADMIN)) throw forbidden('FORBIDDEN', 'Für diese Aktion fehlt Ihnen die Berechtigung.');
}

function snapshot(s: OpenDataSetting): Record<string, unknown> {
  return { enabled: s.enabled, prefix: s.prefix, funderIdentifier: s.funderIdentifier, licence: s.licence, version: s.version };
}

function view(district: DistrictRecord, s: OpenDataSetting | null): OpenDataSettingsView {
  const prefix = s?.prefix ?? null;
  const funderIdentifier = s?.funderIdentifier ?? null;
  const licence = s?.licence ?? 'CC_BY_4_0';
  return {
    enabled: s?.enabled ?? false,
    prefix,
    funderIdentifier,
    effectiveFunderIdentifier: funderIdentifier ?? (prefix ? organisationIdentifier(prefix, district.code, district.id) : null),
    funderName: district.name,
    licence,
    licenceUrl: OPEN_DATA_LICENCES[licence],
    version: s?.version ?? 0,
    updatedAt: s?.updatedAt.toISOString() ?? null,
  };
}
