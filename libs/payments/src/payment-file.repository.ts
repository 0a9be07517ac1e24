import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { PaymentFile } from './payment-file.entity';
import type { PaymentFileStatus } from './payment-file-state';
import { paymentFileNotFound } from './payments.errors';

export interface PaymentFileFilter {
  status?: PaymentFileStatus;
}

/** The columns of a payment file without its XML, which only the download reads. */
const WITHOUT_XML = ['f.id', 'f.messageId', 'f.status', 'f.executionDate', 'f.numberOfTransactions', 'f.controlSum', 'f.painVersion', 'f.sha256', 'f.createdAt', 'f.createdBy', 'f.bookedOn', 'f.warnings'];

/** SEPA payment files: the Kreis's own business, never visible to a Träger. */
@Injectable()
export class PaymentFileRepository extends ScopedRepository<PaymentFile, PaymentFileFilter> {
  protected readonly definition: RepositoryDefinition<PaymentFile, PaymentFileFilter> = {
    entity: PaymentFile,
    alias: 'f',
    joins: (qb) => qb.select(WITHOUT_XML),
    visibility: { providerColumn: null, staffOnly: true },
    sort: {
      messageId: { sql: 'f.message_id', value: (f) => f.messageId },
      executionDate: { sql: 'f.execution_date', value: (f) => f.executionDate },
      createdAt: timestampSortKey('f.created_at', (f) => f.createdAt),
    },
    defaultSort: ['-messageId'],
    filters: {
      status: (qb, v) => qb.andWhere('f.status = :status', { status: v }),
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
