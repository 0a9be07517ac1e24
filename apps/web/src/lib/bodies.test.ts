// @vitest-environment node
/**
 * Every form's request body is the generated OpenAPI operation's body type, so a field the
 * endpoint does not take fails the build (expectTypeOf), and at run time the mapper produces
 * exactly the DTO's fields (read from docs/openapi.json, the source of schema.d.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ChangeBankAccountBody, CreateApplicationBody, CreatePaymentRequestBody, RequestBody, UpdateApplicationBody, UpdateContactBody, UpdatePaymentRequestBody } from '../api/bodies';
import { newApplicationForm } from '../components/ApplicationEditor';
import { newPaymentRequestForm, toCreatePaymentRequestBody, toUpdatePaymentRequestBody } from '../pages/payments/PaymentRequestForm';
import { toChangeBankAccountBody, toCreateApplicationBody, toUpdateApplicationBody, toUpdateContactBody } from './schemas';

interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}
const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url)), 'utf8')) as OpenApi;

/** The property names of an operation's JSON body, as the API declares them. */
function bodyFields(operationId: string): string[] {
  for (const methods of Object.values(spec.paths)) {
    for (const op of Object.values(methods)) {
      if (op.operationId !== operationId) continue;
      const ref = op.requestBody!.content['application/json']!.schema.$ref;
      const schema = spec.components.schemas[ref.split('/').pop()!]!;
      return Object.keys(schema.properties ?? {}).sort();
    }
  }
  throw new Error(`Operation ${operationId} not in docs/openapi.json`);
}

const keys = (o: object) => Object.keys(o).sort();

const application = {
  ...newApplicationForm('7c0f8a51-4a55-4a8a-9f59-1f0cbb5b2a10', 2027, { name: 'Anna Beispiel', email: 'anna@example.org' }),
  title: 'Beratung',
  municipality: 'Altenburg',
  contactPhone: '03447 123',
  projectBegun: true,
  projectBegunOn: '2027-01-01',
  otherPublicFunding: 'keine',
};

describe('Antrag', () => {
  it('create: the body is Applications_create and carries exactly its fields', () => {
    expectTypeOf(toCreateApplicationBody).returns.toEqualTypeOf<RequestBody<'Applications_create'>>();
    expectTypeOf<CreateApplicationBody>().toEqualTypeOf<RequestBody<'Applications_create'>>();
    expect(keys(toCreateApplicationBody(application))).toEqual(bodyFields('Applications_create'));
  });

  it('update: the body is Applications_update, without callId (the API refuses it), with the version', () => {
    expectTypeOf(toUpdateApplicationBody).returns.toEqualTypeOf<RequestBody<'Applications_update'>>();
    expectTypeOf<UpdateApplicationBody>().toEqualTypeOf<RequestBody<'Applications_update'>>();
    const body = toUpdateApplicationBody(application, 3);
    expect(keys(body)).toEqual(bodyFields('Applications_update'));
    expect(body).not.toHaveProperty('callId');
    expect(body.version).toBe(3);
  });
});

describe('Mittelabruf', () => {
  const form = { ...newPaymentRequestForm('7c0f8a51-4a55-4a8a-9f59-1f0cbb5b2a10'), requestedAmount: '1.000,00' };

  it('create and preview: the body is PaymentRequests_create with exactly its fields', () => {
    expectTypeOf(toCreatePaymentRequestBody).returns.toEqualTypeOf<CreatePaymentRequestBody>();
    expectTypeOf<CreatePaymentRequestBody>().toEqualTypeOf<RequestBody<'PaymentRequests_preview'>>();
    expect(keys(toCreatePaymentRequestBody(form))).toEqual(bodyFields('PaymentRequests_create'));
    expect(keys(toCreatePaymentRequestBody(form))).toEqual(bodyFields('PaymentRequests_preview'));
  });

  it('update: the body is PaymentRequests_update, without the Bescheid', () => {
    expectTypeOf(toUpdatePaymentRequestBody).returns.toEqualTypeOf<UpdatePaymentRequestBody>();
    expectTypeOf<UpdatePaymentRequestBody>().toEqualTypeOf<RequestBody<'PaymentRequests_update'>>();
    expect(keys(toUpdatePaymentRequestBody(form))).toEqual(bodyFields('PaymentRequests_update'));
    expect(toUpdatePaymentRequestBody(form).requestedAmount).toBe('1000.00');
  });
});

describe('Träger: Kontakt und Bankverbindung', () => {
  it('contact: the body is Organisations_updateContact with exactly its fields', () => {
    expectTypeOf(toUpdateContactBody).returns.toEqualTypeOf<UpdateContactBody>();
    expectTypeOf<UpdateContactBody>().toEqualTypeOf<RequestBody<'Organisations_updateContact'>>();
    expect(keys(toUpdateContactBody({ contactName: 'A', contactEmail: 'a@example.org', contactPhone: '' }))).toEqual(bodyFields('Organisations_updateContact'));
  });

  it('bank account: the body is Organisations_changeBankAccount; no field beyond its own', () => {
    expectTypeOf(toChangeBankAccountBody).returns.toEqualTypeOf<ChangeBankAccountBody>();
    expectTypeOf<ChangeBankAccountBody>().toEqualTypeOf<RequestBody<'Organisations_changeBankAccount'>>();
    expect(keys(toChangeBankAccountBody({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', accountHolder: 'Verein' }))).toEqual(bodyFields('Organisations_changeBankAccount'));
  });
});
