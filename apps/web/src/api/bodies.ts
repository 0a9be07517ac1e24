/**
 * Request bodies typed by the generated OpenAPI operation (schema.d.ts), so a mapper that builds
 * one with an object literal cannot carry a field the endpoint does not take: TypeScript's
 * excess-property check refuses it at build time, before the API would answer 400.
 */
import type { operations } from './schema';

type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON body of one operation, by its operationId (e.g. `Applications_update`). */
export type RequestBody<Id extends keyof operations> = JsonBody<operations[Id]>;

export type CreateApplicationBody = RequestBody<'Applications_create'>;
export type UpdateApplicationBody = RequestBody<'Applications_update'>;
export type CreatePaymentRequestBody = RequestBody<'PaymentRequests_create'>;
export type UpdatePaymentRequestBody = RequestBody<'PaymentRequests_update'>;
export type PreviewPaymentRequestBody = RequestBody<'PaymentRequests_preview'>;
export type UpdateContactBody = RequestBody<'Organisations_updateContact'>;
export type ChangeBankAccountBody = RequestBody<'Organisations_changeBankAccount'>;
