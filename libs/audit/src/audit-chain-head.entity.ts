import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The head of the chain: one row, locked FOR UPDATE by every append so writers never fork it. */
@Entity('audit_chain_head')
@Check('ck_audit_chain_head_single_row', 'id = 1')
export class AuditChainHead {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ name: 'last_event_id', type: 'bigint', nullable: true })
  lastEventId!: string | null;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}
