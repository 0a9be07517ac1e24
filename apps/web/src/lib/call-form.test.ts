// @vitest-environment node
/**
 * The Projektaufruf form's mappers and schema: German amounts become the API's decimal strings
 * ("" is no Richtwert), a draft read back fills the form as it was saved, the bodies carry exactly
 * the fields of CreateCallDto/UpdateCallDto/ExtendCallDto (read from docs/openapi.json), and the
 * form refuses what it can know without the API (empty title, deadline before the opening).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { callSchema, callToForm, extendSchema, newCallForm, toCreateCallBody, toExtendCallBody, toUpdateCallBody, type CallForm } from './call-form';

interface OpenApi {
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}
const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url)), 'utf8')) as OpenApi;
const fieldsOf = (schema: string) => Object.keys(spec.components.schemas[schema]!.properties ?? {}).sort();

const REQUIRABLE = ['STATUTES', 'REGISTER_EXTRACT', 'TAX_EXEMPTION', 'JOB_DESCRIPTION', 'SIGNED_APPLICATION_FORM'];

const filled = (over: Partial<CallForm> = {}): CallForm => ({
  ...newCallForm('6f1c1b1e-2f4a-4d8e-9a51-1d2f3e4a5b6c'),
  title: '  Projektaufruf 2027  ',
  text: 'Gefördert wird soziale Beratung.',
  openingDate: '2026-12-01',
  deadline: '2027-01-31',
  budgetIndication: '250.000,50',
  eligibleFieldsOfAction: ['LABOUR_MARKET'],
  eligibleCostCategories: ['PERSONNEL'],
  targetSocialAreas: [],
  requiredAttachments: ['STATUTES', 'OTHER'],
  ...over,
});

describe('Projektaufruf form', () => {
  it('maps to the bodies with exactly the API fields; the Richtwert as a decimal string, none as null', () => {
    const create = toCreateCallBody(filled(), REQUIRABLE);
    expect(Object.keys(create).sort()).toEqual(fieldsOf('CreateCallDto'));
    expect(create).toMatchObject({ title: 'Projektaufruf 2027', budgetIndication: '250000.50', requiredAttachments: ['STATUTES'] });
    const update = toUpdateCallBody(filled({ budgetIndication: ' ' }), REQUIRABLE);
    expect(Object.keys(update).sort()).toEqual(fieldsOf('UpdateCallDto'));
    expect(update.budgetIndication).toBeNull();
    const extend = toExtendCallBody({ deadline: '2027-02-28', reason: '  Feiertage  ' });
    expect(Object.keys(extend).sort()).toEqual(fieldsOf('ExtendCallDto'));
    expect(extend).toEqual({ deadline: '2027-02-28', reason: 'Feiertage' });
  });

  it('fills the form from a saved draft as it was entered', () => {
    const dto: Schemas['CallDto'] = {
      districtId: '00000000-0000-4000-8000-0000000000d1',
      districtName: 'Landkreis Altenburger Land – Landratsamt',
      id: 'c',
      budgetYearId: 'y',
      budgetYear: 2027,
      title: 'T',
      text: 'X',
      openingDate: '2026-12-01',
      deadline: '2027-01-31',
      originalDeadline: null,
      deadlineExtendedAt: null,
      deadlineExtensionReason: null,
      deadlinePassed: false,
      displayStatus: 'DRAFT',
      openForApplications: false,
      budgetIndication: '300000.00',
      eligibleFieldsOfAction: ['LABOUR_MARKET'],
      eligibleCostCategories: ['PERSONNEL', 'FEES'],
      targetSocialAreas: ['ALTENBURG'],
      requiredAttachments: ['STATUTES'],
      requiredAttachmentKinds: [{ kind: 'STATUTES', kindLabel: 'Satzung' }],
      status: 'DRAFT',
      publishedAt: null,
      allowedActions: ['update', 'publish'],
    };
    expect(callToForm(dto)).toEqual({
      budgetYearId: 'y',
      title: 'T',
      text: 'X',
      openingDate: '2026-12-01',
      deadline: '2027-01-31',
      budgetIndication: '300.000,00',
      eligibleFieldsOfAction: ['LABOUR_MARKET'],
      eligibleCostCategories: ['PERSONNEL', 'FEES'],
      targetSocialAreas: ['ALTENBURG'],
      requiredAttachments: ['STATUTES'],
    });
    expect(callToForm({ ...dto, budgetIndication: null }).budgetIndication).toBe('');
  });

  it('refuses in German what it can tell without the API', () => {
    const errors = (v: CallForm) => Object.fromEntries((callSchema.safeParse(v).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(callSchema.safeParse(filled()).success).toBe(true);
    expect(errors(filled({ title: '   ' }))).toEqual({ title: 'Bitte einen Titel angeben.' });
    expect(errors(filled({ deadline: '2026-11-30' }))).toEqual({ deadline: 'Die Ausschlussfrist liegt vor dem Beginn des Aufrufs.' });
    expect(errors(filled({ eligibleCostCategories: [], budgetIndication: '12,345' }))).toEqual({
      eligibleCostCategories: 'Bitte mindestens eine Kostenart wählen.',
      budgetIndication: 'Höchstens zwei Nachkommastellen (Cent).',
    });
    expect(extendSchema.safeParse({ deadline: '2027-02-28', reason: ' ' }).error?.issues.map((i) => i.message)).toEqual(['Bitte einen Grund angeben.']);
  });
});
