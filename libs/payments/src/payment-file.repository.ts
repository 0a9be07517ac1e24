import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { anyOf, onOrAfter, onOrBefore, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { PaymentFile } from './payment-file.entity';
import type { PaymentFileStatus } from './payment-file-state';
import { paymentFileNotFound } from './payments.errors';

export interface PaymentFileFilter {
  /** One status or several (any of them). */
  status?: PaymentFileStatus | readonly PaymentFileStatus[];
  /** Due = the execution date the file asks the bank for, on or after / on or before. */
  dueAfter?: string;
  dueBefore?: string;
}

/** What `GET /api/v1/payment-files` sorts by (`reference` is the message id); the API declares them as its enum. */
export const PAYMENT_FILE_SORT_KEYS = ['reference', 'messageId', 'executionDate', 'controlSum', 'createdAt'] as const;
export type PaymentFileSortKey = (typeof PAYMENT_FILE_SORT_KEYS)[number];

const paymentFileSort: Record<PaymentFileSortKey, SortKey<PaymentFile>> = {
  reference: { sql: 'f.message_id', value: (f) => f.messageId },
  messageId: { sql: 'f.message_id', value: (f) => f.messageId },
  executionDate: { sql: 'f.execution_date', value: (f) => f.executionDate },
  controlSum: { sql: 'f.control_sum', value: (f) => f.controlSum.toApiString() },
  createdAt: timestampSortKey('f.created_at', (f) => f.createdAt),
};

/** The columns of a payment file without its XML, which only the download reads. */
const WITHOUT_XML = ['f.id', 'f.messageId', 'f.status', 'f.executionDate', 'f.numberOfTransactions', 'f.controlSum', 'f.painVersion', 'f.sha256', 'f.createdAt', 'f.createdBy', 'f.bookedOn', 'f.warnings', 'f.districtId'];

/** SEPA payment files: the Kreis's own business, never visible to a Träger. */
@Injectable()
export class PaymentFileRepository extends ScopedRepository<PaymentFile, PaymentFileFilter> {
  protected readonly definition: RepositoryDefinition<PaymentFile, PaymentFileFilter> = {
    entity: PaymentFile,
    alias: 'f',
    joins: (qb) => qb.select(WITHOUT_XML),
    visibility: { providerColumn: null, staffOnly: true, districtColumn: 'f.district_id' },
    sort: paymentFileSort,
    defaultSort: ['-messageId'],
    filters: {
      status: anyOf('f.status'),
      dueAfter: onOrAfter('f.execution_date'),
      dueBefore: onOrBefore('f.execution_date'),
    },
    notFound: paymentFileNotFound,
  };

  /** The file with its XML, as it went to the bank. */
  async withXml(scope: Scope, id: string, em?: EntityManager): Promise<PaymentFile> {
    const file = await this.scoped(scope, em).addSelect('f.xml').andWhere('f.id = :id', { id }).getOne();
    if (!file) throw paymentFileNotFound();
    return file;
  }
}
