import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Money, percent } from '@foerderfluss/core';
import { Application, applicationSnapshot, ApplicationStatus, planSnapshot } from '@foerderfluss/applications';
import { finalGrantDoc } from '@foerderfluss/proof-of-use';
import { calculateFinalGrant } from '@foerderfluss/rules';

/**
 * Typed API (issue 15): every schema in docs/openapi.json says what it holds. A bare
 * `type: object` (no properties, no additionalProperties, no composition) types as `unknown`-ish
 * `Record<string, never>` in the web and forces casts there; declare a DTO class with @ApiProperty
 * per field, or `additionalProperties` with a typed value for a genuine free map.
 */
type Schema = {
  type?: string;
  required?: string[];
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

const spec = JSON.parse(readFileSync(path.join(__dirname, '../../../docs/openapi.json'), 'utf8')) as {
  paths: Record<string, unknown>;
  components: { schemas: Record<string, Schema> };
};

export function isBareObject(s: Schema): boolean {
  return s.type === 'object' && s.properties === undefined && s.additionalProperties === undefined && !s.$ref && !s.allOf && !s.oneOf && !s.anyOf;
}

/** Paths (like `ApplicationDto.review` or `ProofReviewDto.result.allOf[0]`) of every bare object schema below `s`. */
export function bareObjects(s: Schema, at: string, out: string[] = []): string[] {
  if (!s || typeof s !== 'object') return out;
  if (isBareObject(s)) out.push(at);
  for (const [k, p] of Object.entries(s.properties ?? {})) bareObjects(p, `${at}.${k}`, out);
  if (s.items) bareObjects(s.items, `${at}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') bareObjects(s.additionalProperties, `${at}{}`, out);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) (s[key] ?? []).forEach((x, i) => bareObjects(x, `${at}.${key}[${i}]`, out));
  return out;
}

/** Schemas inline in the paths: parameters, request bodies, responses. */
function inlineSchemas(node: unknown, at: string, out: [string, Schema][] = []): [string, Schema][] {
  if (!node || typeof node !== 'object') return out;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'schema' && v && typeof v === 'object') out.push([at, v as Schema]);
    else inlineSchemas(v, `${at}/${k}`, out);
  }
  return out;
}

describe('docs/openapi.json is typed throughout', () => {
  it('the check finds a bare object where there is one, and not where a shape is declared', () => {
    expect(bareObjects({ type: 'object', properties: { a: { type: 'object' }, b: { type: 'array', items: { type: 'object' } } } }, 'X')).toEqual(['X.a', 'X.b[]']);
    expect(bareObjects({ type: 'object', additionalProperties: { type: 'string' } }, 'Y')).toEqual([]);
    expect(bareObjects({ type: 'object', properties: {}, additionalProperties: false }, 'Z')).toEqual([]);
    expect(bareObjects({ type: 'object', allOf: [{ $ref: '#/components/schemas/A' }] }, 'W')).toEqual([]);
  });

  it('no component schema has a property of bare type object', () => {
    const bare = Object.entries(spec.components.schemas).flatMap(([name, s]) => bareObjects(s, name));
    expect(bare).toEqual([]);
  });

  it('no request or response schema in the paths is a bare object', () => {
    const bare = inlineSchemas(spec.paths, '').flatMap(([at, s]) => bareObjects(s, at));
    expect(bare).toEqual([]);
  });
});

/**
 * The JSON documents kept in jsonb columns are mapped into their DTOs without a conversion (the
 * entity types say Record<string, unknown>): what the libs write must carry every field the schema
 * declares, and nothing else.
 */
describe('the frozen documents have the fields their schemas declare', () => {
  const fieldsOf = (name: string) => Object.keys(spec.components.schemas[name]!.properties ?? {}).sort();
  const keys = (x: object) => Object.keys(x).sort();

  it('finalGrantDoc (Prüfvermerk result, Festsetzung calculation) is a FinalGrantDocDto', () => {
    const money = (a: string) => Money.of(a);
    const result = calculateFinalGrant({
      financingType: 'DEFICIT',
      maxAmount: money('90000'),
      paidAmount: money('90000'),
      plan: { costLines: [{ category: 'PERSONNEL', amount: money('100000') }], ownFunds: money('10000'), thirdPartyFunds: money('0') },
      actual: { costLines: [{ category: 'PERSONNEL', amount: money('95000') }], ownFunds: money('10000'), thirdPartyFunds: money('0') },
      parameters: { overrunTolerance: percent('20'), deMinimisAmount: money('500') },
    });
    const adjustments = [{ category: 'PERSONNEL', reported: money('95000'), receiptReductions: Money.ZERO, personnelExcess: Money.ZERO, actual: money('95000') }];
    const doc = finalGrantDoc({ result, paid: money('90000'), adjustments });
    expect(keys(doc)).toEqual(fieldsOf('FinalGrantDocDto'));
    expect(keys(doc.lines[0]!)).toEqual(fieldsOf('FinalGrantDocLineDto'));
    expect(keys(doc.adjustments[0]!)).toEqual(fieldsOf('FinalGrantAdjustmentDto'));
    expect(keys(doc.breakdown)).toEqual(fieldsOf('FinalGrantBreakdownDto'));
    expect(keys(doc.parametersUsed)).toEqual(fieldsOf('FinalGrantParametersAppliedDto'));
  });

  it('planSnapshot (a decision version\'s approvedPlan) is an ApprovedPlanDto', () => {
    const snap = planSnapshot({
      costLines: [{ category: 'PERSONNEL', description: 'Beratung', amount: '1000.00' }],
      personnelPositions: [],
      fundingLines: [{ kind: 'GRANT', source: 'Landkreis', amount: '1000.00' }],
    });
    expect(keys(snap)).toEqual(fieldsOf('ApprovedPlanDto'));
    expect(keys(snap.totals)).toEqual(fieldsOf('ApprovedPlanTotalsDto'));
  });

  it('applicationSnapshot (a submitted version) is an ApplicationSnapshotDto', () => {
    const app = Object.assign(new Application(), {
      reference: 'A-2026-0001', callId: 'c', providerId: 'p', status: ApplicationStatus.SUBMITTED, title: 't', purpose: 'p', targetGroup: 'g',
      fieldsOfAction: ['X'], socialAreaCode: 'S', municipality: null, periodStart: '2026-01-01', periodEnd: '2026-12-31', plannedStart: '2026-01-01',
      contactName: 'n', contactEmail: 'n@example.org', contactPhone: null, projectBegun: false, projectBegunOn: null, vatDeductible: false,
      otherPublicFunding: null, betterPositionRespected: true, financingPlan: { costLines: [], personnelPositions: [], fundingLines: [] },
      totalCosts: Money.ZERO, ownFunds: Money.ZERO, thirdPartyFunds: Money.ZERO, requestedAmount: Money.ZERO,
    });
    const snap = applicationSnapshot(app);
    expect(keys(snap)).toEqual(fieldsOf('ApplicationSnapshotDto'));
    expect(keys(snap.totals as object)).toEqual(fieldsOf('ApplicationSnapshotTotalsDto'));
  });
});
