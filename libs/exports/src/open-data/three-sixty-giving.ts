import type { Money } from '@foerderfluss/core';
import { sheetText } from '../cell-encoding';

/**
 * The 360Giving Data Standard's grant as Förderfluss publishes it (issue 19 item 5): only the
 * fields listed here, each from a public part of the Bescheid. Nothing about people (contacts,
 * e-mails, phones), money flows beyond the award (IBAN, payouts) or the internal case (Prüfung,
 * Votum) ever reaches this shape; the schema in docs/open-data/360giving-grant.schema.json
 * refuses any other field.
 */
export interface PublishedGrant {
  id: string;
  title: string;
  description: string;
  currency: 'EUR';
  /** Money until the last moment: written as a JSON number with two decimals by `grantsJson`. */
  amountAwarded: Money;
  awardDate: string;
  plannedDates: { startDate: string; endDate: string }[];
  recipientOrganization: { id: string; name: string }[];
  fundingOrganization: { id: string; name: string }[];
  beneficiaryLocation: { name: string; description?: string; countryCode: 'DE' }[];
  grantProgramme: { code: string; title: string }[];
}

/** A published decision as the repository reads it: public columns only. */
export interface PublishedGrantRecord {
  reference: string;
  title: string;
  purpose: string;
  periodStart: string;
  periodEnd: string;
  awardDate: string;
  maxAmount: Money;
  recipientId: string;
  recipientCode: string | null;
  recipientName: string;
  socialAreaName: string;
  socialAreaMunicipalities: string[];
  municipality: string | null;
  programmeCode: string;
  programmeTitle: string;
}

/** Who publishes: the Kreis with its settings. */
export interface Publisher {
  prefix: string;
  funderIdentifier: string | null;
  districtId: string;
  districtCode: string | null;
  districtName: string;
}

/**
 * A part of an identifier: 360Giving identifiers travel in URLs, so anything but letters, digits,
 * hyphen and underscore becomes a hyphen ("FF/2026 7" → "FF-2026-7").
 */
export function identifierPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * An organisation's identifier under the Kreis's prefix. Förderfluss stores no register number
 * (Vereinsregister, Handelsregister) for Träger, so there is no org-id.guide identifier to
 * publish; 360Giving's guidance for that case is the publisher's own prefix. The seeded code
 * where there is one (stable across renames), else the record id (never reused).
 */
export function organisationIdentifier(prefix: string, code: string | null, id: string): string {
  return `${prefix}-ORG-${identifierPart(code ?? id)}`;
}

export function toPublishedGrant(r: PublishedGrantRecord, p: Publisher): PublishedGrant {
  const where = r.municipality?.trim() || r.socialAreaMunicipalities.join(', ');
  return {
    id: `${p.prefix}-${identifierPart(r.reference)}`,
    title: r.title,
    description: r.purpose,
    currency: 'EUR',
    amountAwarded: r.maxAmount,
    awardDate: r.awardDate,
    plannedDates: [{ startDate: r.periodStart, endDate: r.periodEnd }],
    recipientOrganization: [{ id: organisationIdentifier(p.prefix, r.recipientCode, r.recipientId), name: r.recipientName }],
    fundingOrganization: [{ id: p.funderIdentifier ?? organisationIdentifier(p.prefix, p.districtCode, p.districtId), name: p.districtName }],
    beneficiaryLocation: [{ name: r.socialAreaName, ...(where ? { description: where } : {}), countryCode: 'DE' }],
    grantProgramme: [{ code: r.programmeCode, title: r.programmeTitle }],
  };
}

/**
 * JSON with `amountAwarded` as a number with exactly two decimals ("1234.50", not 1234.5): the
 * standard wants a number, and the figure is the Bescheid's to the cent. JSON.stringify cannot
 * write a number from a decimal string, so the package is written here; the amount comes from
 * Money's own text, never through a float.
 */
export function grantsJson(grants: readonly PublishedGrant[]): string {
  return `{"grants":[${grants.map(grantJson).join(',')}]}`;
}

function grantJson(g: PublishedGrant): string {
  const { amountAwarded, ...rest } = g;
  const amount = amountAwarded.toApiString();
  const fields = Object.entries(rest).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  // After currency, where the standard's own examples put it.
  fields.splice(Object.keys(rest).indexOf('currency') + 1, 0, `"amountAwarded":${amount}`);
  return `{${fields.join(',')}}`;
}

/** The 360Giving flat (CSV/spreadsheet) column titles, in the order of the standard's template. */
export const THREE_SIXTY_GIVING_CSV_COLUMNS: readonly { title: string; value: (g: PublishedGrant) => string; text: boolean }[] = [
  { title: 'Identifier', value: (g) => g.id, text: true },
  { title: 'Title', value: (g) => g.title, text: true },
  { title: 'Description', value: (g) => g.description, text: true },
  { title: 'Currency', value: (g) => g.currency, text: true },
  { title: 'Amount Awarded', value: (g) => g.amountAwarded.toApiString(), text: false },
  { title: 'Award Date', value: (g) => g.awardDate, text: false },
  { title: 'Planned Dates:Start Date', value: (g) => g.plannedDates[0]?.startDate ?? '', text: false },
  { title: 'Planned Dates:End Date', value: (g) => g.plannedDates[0]?.endDate ?? '', text: false },
  { title: 'Recipient Org:Identifier', value: (g) => g.recipientOrganization[0]?.id ?? '', text: true },
  { title: 'Recipient Org:Name', value: (g) => g.recipientOrganization[0]?.name ?? '', text: true },
  { title: 'Funding Org:Identifier', value: (g) => g.fundingOrganization[0]?.id ?? '', text: true },
  { title: 'Funding Org:Name', value: (g) => g.fundingOrganization[0]?.name ?? '', text: true },
  { title: 'Beneficiary Location:Name', value: (g) => g.beneficiaryLocation[0]?.name ?? '', text: true },
  { title: 'Beneficiary Location:Description', value: (g) => g.beneficiaryLocation[0]?.description ?? '', text: true },
  { title: 'Beneficiary Location:Country Code', value: (g) => g.beneficiaryLocation[0]?.countryCode ?? '', text: true },
  { title: 'Grant Programme:Code', value: (g) => g.grantProgramme[0]?.code ?? '', text: true },
  { title: 'Grant Programme:Title', value: (g) => g.grantProgramme[0]?.title ?? '', text: true },
];

/**
 * The flat form 360Giving's tools read: UTF-8 (with BOM, so Excel keeps the umlauts), comma,
 * CRLF, amounts with a decimal point and ISO dates. Not the German CSV of our other exports
 * (`;`, decimal comma, TT.MM.JJJJ): this file is for the standard's converters, which expect
 * the standard's notation. Text goes through `sheetText` like every export (control characters,
 * formula injection), since people open this file in a spreadsheet too.
 */
export function grantsCsv(grants: readonly PublishedGrant[]): string {
  const lines = [THREE_SIXTY_GIVING_CSV_COLUMNS.map((c) => csvField(c.title)).join(',')];
  for (const g of grants) {
    lines.push(THREE_SIXTY_GIVING_CSV_COLUMNS.map((c) => csvField(c.text ? sheetText(c.value(g)) : c.value(g))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
