import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Träger is told what happens to its records (issue 14 item 4): new notification kinds.
 * Written by hand: TypeORM does not compare the expression of a named CHECK constraint.
 */
export class NotificationEvents1796615633061 implements MigrationInterface {
  name = 'NotificationEvents1796615633061';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (kind IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE', 'APPLICATION_RECEIVED', 'CHANGES_REQUESTED', 'DECISION_ISSUED', 'APPLICATION_REJECTED', 'PAYMENT_REQUEST_APPROVED', 'PAYMENT_REQUEST_REFUSED', 'PAYOUT_EXECUTED', 'SETTLEMENT_MADE', 'RECOVERY_DUE'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "mail_outbox" WHERE notification_id IN (SELECT id FROM "notification" WHERE kind NOT IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE'))`);
    await queryRunner.query(`DELETE FROM "notification" WHERE kind NOT IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE')`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (kind IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE'))`);
  }
}
