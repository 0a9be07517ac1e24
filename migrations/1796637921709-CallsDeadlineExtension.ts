import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Projektaufrufe (issue 16 item 1): the Richtwert des Fördervolumens and the last extension of the
 * Ausschlussfrist (original deadline, when, why). The notification kind for an extension is added
 * to the kind's CHECK by hand (TypeORM does not compare CHECK expressions).
 */
export class CallsDeadlineExtension1796637921709 implements MigrationInterface {
    name = 'CallsDeadlineExtension1796637921709'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "funding_call" ADD "budget_indication" numeric(15,2)`);
        await queryRunner.query(`ALTER TABLE "funding_call" ADD "original_deadline" date`);
        await queryRunner.query(`ALTER TABLE "funding_call" ADD "deadline_extended_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "funding_call" ADD "deadline_extension_reason" text`);
        await queryRunner.query(`ALTER TABLE "funding_call" ADD CONSTRAINT "ck_funding_call_budget_indication" CHECK (budget_indication IS NULL OR budget_indication >= 0)`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (kind IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE', 'APPLICATION_RECEIVED', 'CHANGES_REQUESTED', 'DECISION_ISSUED', 'APPLICATION_REJECTED', 'PAYMENT_REQUEST_APPROVED', 'PAYMENT_REQUEST_REFUSED', 'PAYOUT_EXECUTED', 'SETTLEMENT_MADE', 'RECOVERY_DUE', 'CALL_DEADLINE_EXTENDED'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "mail_outbox" WHERE notification_id IN (SELECT id FROM "notification" WHERE kind = 'CALL_DEADLINE_EXTENDED')`);
        await queryRunner.query(`DELETE FROM "notification" WHERE kind = 'CALL_DEADLINE_EXTENDED'`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (kind IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE', 'APPLICATION_RECEIVED', 'CHANGES_REQUESTED', 'DECISION_ISSUED', 'APPLICATION_REJECTED', 'PAYMENT_REQUEST_APPROVED', 'PAYMENT_REQUEST_REFUSED', 'PAYOUT_EXECUTED', 'SETTLEMENT_MADE', 'RECOVERY_DUE'))`);
        await queryRunner.query(`ALTER TABLE "funding_call" DROP CONSTRAINT "ck_funding_call_budget_indication"`);
        await queryRunner.query(`ALTER TABLE "funding_call" DROP COLUMN "deadline_extension_reason"`);
        await queryRunner.query(`ALTER TABLE "funding_call" DROP COLUMN "deadline_extended_at"`);
        await queryRunner.query(`ALTER TABLE "funding_call" DROP COLUMN "original_deadline"`);
        await queryRunner.query(`ALTER TABLE "funding_call" DROP COLUMN "budget_indication"`);
    }

}
