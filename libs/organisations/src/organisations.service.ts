import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import { Page, Scope } from '@foerderfluss/core';
import { ListParams, pgErrorCode, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BankAccountStatus, Organisation, OrganisationKind } from './organisation.entity';
import { OrganisationFilter, OrganisationRepository } from './organisation.repository';
import {
  bankConfirmSameUser,
  invalidBic,
  invalidIban,
  noPendingBankChange,
  organisationCodeTaken,
} from './organisations.errors';

export interface OrganisationMasterData {
  name: string;
  legalForm: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  nonProfit: boolean;
  nonProfitNoticeDate: string | null;
  vatDeductible: boolean;
  active: boolean;
}

export interface OrganisationContact {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export interface BankAccount {
  iban: string;
  bic: string | null;
  accountHolder: string;
}

export interface NewOrganisation extends OrganisationMasterData, OrganisationContact {
  kind: OrganisationKind;
  code: string | null;
  bankAccount: BankAccount | null;
}

export interface OrganisationQuery extends OrganisationFilter, ListParams {}

/** Normalises and checks an account; throws a field error naming `<prefix>iban` / `<prefix>bic`. */
export function normaliseBankAccount(input: BankAccount, prefix = ''): BankAccount {
  const iban = electronicFormatIBAN(input.iban) ?? '';
  if (!isValidIBAN(iban) || !isSEPACountry(iban.slice(0, 2))) throw invalidIban(`${prefix}iban`);
  const bic = input.bic ? input.bic.replace(/\s+/g, '').toUpperCase() : null;
  if (bic !== null && !isValidBIC(bic)) throw invalidBic(`${prefix}bic`);
  return { iban, bic, accountHolder: input.accountHolder.trim() };
}

/** Plain JSON snapshot for audit before/after. */
export function organisationSnapshot(o: Organisation): Record<string, unknown> {
  const { createdAt, updatedAt, ...rest } = o;
  return { ...rest, createdAt: createdAt?.toISOString(), updatedAt: updatedAt?.toISOString() };
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly repo: OrganisationRepository,
  ) {}

  /** A Träger sees only itself (the repository's visibility). */
  async list(scope: Scope, q: OrganisationQuery): Promise<Page<Organisation>> {
    return this.repo.list(scope, q);
  }

  /** 404 both for a missing record and for one the caller may not see: no existence leak. */
  async get(scope: Scope, id: string, em: EntityManager = this.tx.manager, lock = false): Promise<Organisation> {
    return this.repo.get(scope, id, { em, lock });
  }

  async create(scope: Scope, input: NewOrganisation): Promise<Organisation> {
    const bank = input.bankAccount ? normaliseBankAccount(input.bankAccount, 'bankAccount.') : null;
    return this.tx.run(async (em) => {
      const org = em.create(Organisation, {
        kind: input.kind,
        code: input.code,
        name: input.name.trim(),
        legalForm: input.legalForm,
        street: input.street,
        postalCode: input.postalCode,
        city: input.city,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        contactPhone: input.contactPhone,
        nonProfit: input.nonProfit,
        nonProfitNoticeDate: input.nonProfitNoticeDate,
        vatDeductible: input.vatDeductible,
        active: input.active,
        iban: bank?.iban ?? null,
        bic: bank?.bic ?? null,
        accountHolder: bank?.accountHolder ?? null,
        // Staff enter the first account from the signed application: it still needs a second look.
        bankAccountStatus: bank ? BankAccountStatus.PENDING_CONFIRMATION : BankAccountStatus.MISSING,
        bankAccountChangedAt: bank ? new Date() : null,
        bankAccountChangedBy: bank ? scope.userId : null,
        bankAccountConfirmedAt: null,
        bankAccountConfirmedBy: null,
      });
      try {
        await em.save(Organisation, org);
      } catch (err) {
        if (pgErrorCode(err) === '23505') throw organisationCodeTaken();
        throw err;
      }
      // Kreis staff create a Träger for their Kreis: it is registered there at once (issue 20).
      if (scope.districtId && org.kind === OrganisationKind.PROVIDER) await this.repo.registerInDistrict(em, scope.districtId, org.id);
      await this.audit.record(em, scope, {
        action: 'organisation.create',
        entity: 'Organisation',
        entityId: org.id,
        after: organisationSnapshot(org),
      });
      return org;
    });
  }

  async updateMasterData(scope: Scope, id: string, patch: Partial<OrganisationMasterData>): Promise<Organisation> {
    return this.mutate(scope, id, 'organisation.update', (org) => {
      Object.assign(org, stripUndefined(patch));
      if (patch.name !== undefined) org.name = patch.name.trim();
    });
  }

  async updateContact(scope: Scope, id: string, patch: Partial<OrganisationContact>): Promise<Organisation> {
    return this.mutate(scope, id, 'organisation.contact.update', (org) => {
      Object.assign(org, stripUndefined(patch));
    });
  }

  /** A new account is never used for a payout until a second person confirms it. */
  async changeBankAccount(scope: Scope, id: string, input: BankAccount): Promise<Organisation> {
    const bank = normaliseBankAccount(input);
    return this.mutate(scope, id, 'organisation.bank-account.change', (org) => {
      org.iban = bank.iban;
      org.bic = bank.bic;
      org.accountHolder = bank.accountHolder;
      org.bankAccountStatus = BankAccountStatus.PENDING_CONFIRMATION;
      org.bankAccountChangedAt = new Date();
      org.bankAccountChangedBy = scope.userId;
      org.bankAccountConfirmedAt = null;
      org.bankAccountConfirmedBy = null;
    });
  }

  async confirmBankAccount(scope: Scope, id: string): Promise<Organisation> {
    return this.mutate(scope, id, 'organisation.bank-account.confirm', (org) => {
      if (org.bankAccountStatus !== BankAccountStatus.PENDING_CONFIRMATION) throw noPendingBankChange();
      if (org.bankAccountChangedBy !== null && org.bankAccountChangedBy === scope.userId) throw bankConfirmSameUser();
      org.bankAccountStatus = BankAccountStatus.CONFIRMED;
      org.bankAccountConfirmedAt = new Date();
      org.bankAccountConfirmedBy = scope.userId;
    });
  }

  /** Read, change and audit one organisation in one transaction, with the row locked. */
  private async mutate(
    scope: Scope,
    id: string,
    action: string,
    change: (org: Organisation) => void,
  ): Promise<Organisation> {
    return this.tx.run(async (em) => {
      const org = await this.get(scope, id, em, true);
      const before = organisationSnapshot(org);
      change(org);
      await em.save(Organisation, org);
      await this.audit.record(em, scope, {
        action,
        entity: 'Organisation',
        entityId: org.id,
        before,
        after: organisationSnapshot(org),
      });
      return org;
    });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
