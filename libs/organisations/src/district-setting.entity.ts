import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from './organisation.entity';

/** An Aktenzeichen prefix: 2 to 5 capital letters (e.g. „GRZ“, „SOK“). */
export const REFERENCE_PREFIX = /^[A-Z]{2,5}$/;

/** One Haushaltsstelle of a Kreis (the budget line its payments are booked on). */
export interface BudgetLine {
  code: string;
  label: string;
}

/**
 * What a Kreis sets for itself in a Land-wide install (issue 20): its Aktenzeichen prefix, the
 * letterhead and signature block of its letters, the SEPA debtor account of its payment files and
 * its Haushaltsstellen. One row per Kreis (organisation of kind DISTRICT); every column may be
 * empty. An empty value falls back: for the home Kreis (the first Kreis of the install, the one
 * a single-Kreis install has) to the configuration (LETTERHEAD_*, DISTRICT_DEBTOR_*), so such an
 * install behaves exactly as before; for any other Kreis to its organisation's name and address
 * (the debtor account has no fallback there: no payment file without one).
 *
 * Column names are kept plain on purpose: the demo seed sets `reference_prefix` by plain SQL.
 */
@Entity('district_setting')
@Index('ux_district_setting_reference_prefix', ['referencePrefix'], { unique: true, where: 'reference_prefix IS NOT NULL' })
@Check('ck_district_setting_reference_prefix', `reference_prefix IS NULL OR reference_prefix ~ '^[A-Z]{2,5}$'`)
@Check('ck_district_setting_share_default', 'district_share_default IS NULL OR (district_share_default >= 0 AND district_share_default <= 1)')
export class DistrictSetting extends TimestampedEntity {
  @PrimaryColumn({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_district_setting_district' })
  district?: Organisation;

  /** Prefix of the Kreis's Aktenzeichen series (`GRZ-A-2026-0001`); null: the unprefixed series (`A-2026-0001`). */
  @Column({ name: 'reference_prefix', type: 'text', nullable: true })
  referencePrefix!: string | null;

  /** Letterhead: the authority's name in the head (e.g. „Landkreis Greiz – Landratsamt“). */
  @Column({ name: 'letterhead_name', type: 'text', nullable: true })
  letterheadName!: string | null;

  @Column({ name: 'letterhead_department', type: 'text', nullable: true })
  letterheadDepartment!: string | null;

  /** The Kreis as a party in the text („der Landkreis Greiz“). */
  @Column({ name: 'letterhead_district_name', type: 'text', nullable: true })
  letterheadDistrictName!: string | null;

  /** The authority as signatory when no person signs („Landratsamt Greiz“). */
  @Column({ name: 'letterhead_authority_name', type: 'text', nullable: true })
  letterheadAuthorityName!: string | null;

  @Column({ name: 'letterhead_street', type: 'text', nullable: true })
  letterheadStreet!: string | null;

  @Column({ name: 'letterhead_postal_code', type: 'text', nullable: true })
  letterheadPostalCode!: string | null;

  @Column({ name: 'letterhead_city', type: 'text', nullable: true })
  letterheadCity!: string | null;

  @Column({ name: 'letterhead_phone', type: 'text', nullable: true })
  letterheadPhone!: string | null;

  @Column({ name: 'letterhead_email', type: 'text', nullable: true })
  letterheadEmail!: string | null;

  @Column({ name: 'letterhead_website', type: 'text', nullable: true })
  letterheadWebsite!: string | null;

  @Column({ name: 'letterhead_bank_name', type: 'text', nullable: true })
  letterheadBankName!: string | null;

  @Column({ name: 'letterhead_office_hours', type: 'text', array: true, nullable: true })
  letterheadOfficeHours!: string[] | null;

  /** Signature block: the place of signing (defaults to the letterhead's city). */
  @Column({ name: 'signature_place', type: 'text', nullable: true })
  signaturePlace!: string | null;

  /** Signature block: who represents the Kreis in a contract („den Landrat“). */
  @Column({ name: 'signature_represented_by', type: 'text', nullable: true })
  signatureRepresentedBy!: string | null;

  /** SEPA debtor of the Kreis's payment files (and the account its letters name for repayments). */
  @Column({ name: 'debtor_name', type: 'text', nullable: true })
  debtorName!: string | null;

  @Column({ name: 'debtor_iban', type: 'text', nullable: true })
  debtorIban!: string | null;

  @Column({ name: 'debtor_bic', type: 'text', nullable: true })
  debtorBic!: string | null;

  /** Haushaltsstellen of the Kreis (code and label), in the order it lists them. */
  @Column({ name: 'budget_lines', type: 'jsonb', default: () => `'[]'` })
  budgetLines!: BudgetLine[];

  /** The Kreis's usual Eigenanteil as a share of the project costs (0–1), proposed for new Aufrufe; null: none. */
  @Column({ name: 'district_share_default', type: 'numeric', precision: 5, scale: 4, nullable: true })
  districtShareDefault!: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
