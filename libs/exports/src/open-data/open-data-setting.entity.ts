import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';

/**
 * The licences a Kreis may publish its 360Giving data under. 360Giving asks for an open licence;
 * these four are the ones German public bodies use (GovData's Datenlizenz Deutschland) or 360Giving
 * recommends (Creative Commons).
 */
export const OPEN_DATA_LICENCES = {
  CC_BY_4_0: 'https://creativecommons.org/licenses/by/4.0/',
  CC0_1_0: 'https://creativecommons.org/publicdomain/zero/1.0/',
  DL_DE_BY_2_0: 'https://www.govdata.de/dl-de/by-2-0',
  DL_DE_ZERO_2_0: 'https://www.govdata.de/dl-de/zero-2-0',
} as const;
export type OpenDataLicence = keyof typeof OPEN_DATA_LICENCES;
export const OPEN_DATA_LICENCE_CODES = Object.keys(OPEN_DATA_LICENCES) as OpenDataLicence[];

/**
 * 360Giving's identifier prefix: "360G-" and the publisher's registered part (letters, digits,
 * hyphens). 360Giving hands out the part after "360G-"; it must not end in a hyphen, since every
 * grant identifier appends "-" and the Aktenzeichen.
 */
export const THREE_SIXTY_GIVING_PREFIX = /^360G-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
/** An org-id.guide identifier such as "XI-LEI-…" or "DE-CR-…": list code, then the register's number; no spaces. */
export const ORG_IDENTIFIER = /^[A-Za-z0-9]+(?:-[A-Za-z0-9._/:]+)+$/;

/**
 * Whether and how a Kreis publishes its grants as 360Giving open data (issue 19 item 5). One row
 * per Kreis (organisation of kind DISTRICT); no row means off. Off by default: publishing is the
 * Kreis's decision, taken by its ADMIN once 360Giving has registered the prefix.
 */
@Entity('open_data_setting')
@Check('ck_open_data_setting_prefix', `prefix IS NULL OR prefix ~ '^360G-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$'`)
@Check('ck_open_data_setting_enabled_prefix', 'NOT enabled OR prefix IS NOT NULL')
@Check('ck_open_data_setting_licence', `licence IN ('CC_BY_4_0', 'CC0_1_0', 'DL_DE_BY_2_0', 'DL_DE_ZERO_2_0')`)
export class OpenDataSetting extends TimestampedEntity {
  @PrimaryColumn({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Organisation;

  @Column({ type: 'boolean', default: false })
  enabled!: boolean;

  /** The Kreis's registered 360Giving prefix, e.g. "360G-altenburgerland". */
  @Column({ type: 'text', nullable: true })
  prefix!: string | null;

  /**
   * The Kreis's own organisation identifier as funder (org-id.guide), when it has one; without it
   * the funder is named "<prefix>-ORG-<code>" like the recipients.
   */
  @Column({ name: 'funder_identifier', type: 'text', nullable: true })
  funderIdentifier!: string | null;

  @Column({ type: 'text', default: 'CC_BY_4_0' })
  licence!: OpenDataLicence;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}

export const OPEN_DATA_ENTITIES = [OpenDataSetting];
