import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer, TimestampedEntity } from '@foerderfluss/database';

export enum OrganisationKind {
  /** Land Thüringen (TMMJV, Bewilligungsbehörde TLVwA) */
  STATE = 'STATE',
  /** Landkreis Altenburger Land */
  DISTRICT = 'DISTRICT',
  /** freier Träger */
  PROVIDER = 'PROVIDER',
}

export enum BankAccountStatus {
  MISSING = 'MISSING',
  /** Changed and not yet confirmed by a second person: no payout until confirmed. */
  PENDING_CONFIRMATION = 'PENDING_CONFIRMATION',
  CONFIRMED = 'CONFIRMED',
}

@Entity('organisation')
@Index('ux_organisation_code', ['code'], { unique: true, where: 'code IS NOT NULL' })
@Index('ix_organisation_kind_name', ['kind', 'name'])
@Check('ck_organisation_kind', `kind IN ('STATE', 'DISTRICT', 'PROVIDER')`)
@Check('ck_organisation_bank_status', `bank_account_status IN ('MISSING', 'PENDING_CONFIRMATION', 'CONFIRMED')`)
@Check('ck_organisation_bank_complete', `(bank_account_status = 'MISSING') = (iban IS NULL)`)
export class Organisation extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable short key for seeded organisations; null for those created in the app. */
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Column({ type: 'text' })
  kind!: OrganisationKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'legal_form', type: 'text', nullable: true })
  legalForm!: string | null;

  @Column({ type: 'text', nullable: true })
  street!: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  city!: string | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  /** Gemeinnützigkeit */
  @Column({ name: 'non_profit', type: 'boolean', default: false })
  nonProfit!: boolean;

  /** Date of the Freistellungsbescheid of the tax office. */
  @Column({ name: 'non_profit_notice_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  nonProfitNoticeDate!: string | null;

  /** Vorsteuerabzugsberechtigt: then only net amounts are eligible. */
  @Column({ name: 'vat_deductible', type: 'boolean', default: false })
  vatDeductible!: boolean;

  @Column({ type: 'text', nullable: true })
  iban!: string | null;

  @Column({ type: 'text', nullable: true })
  bic!: string | null;

  @Column({ name: 'account_holder', type: 'text', nullable: true })
  accountHolder!: string | null;

  @Column({ name: 'bank_account_status', type: 'text', default: BankAccountStatus.MISSING })
  bankAccountStatus!: BankAccountStatus;

  @Column({ name: 'bank_account_changed_at', type: 'timestamptz', nullable: true })
  bankAccountChangedAt!: Date | null;

  @Column({ name: 'bank_account_changed_by', type: 'uuid', nullable: true })
  bankAccountChangedBy!: string | null;

  @Column({ name: 'bank_account_confirmed_at', type: 'timestamptz', nullable: true })
  bankAccountConfirmedAt!: Date | null;

  @Column({ name: 'bank_account_confirmed_by', type: 'uuid', nullable: true })
  bankAccountConfirmedBy!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
