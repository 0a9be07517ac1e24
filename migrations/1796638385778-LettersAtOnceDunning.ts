import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 16 items 3 and 4: letters at once (a letter may be RENDERING; a failed one counts its
 * retries, which name its next render job), Änderungsvertrag, Widerrufsbescheid, Mahnung and
 * Festsetzungsbescheid as letter kinds, and the Mahnungen themselves (recovery_dunning, one per level and recovery). The
 * CHECKs on kind and status are changed by hand (TypeORM does not compare CHECK expressions).
 */
export class LettersAtOnceDunning1796638385778 implements MigrationInterface {
    name = 'LettersAtOnceDunning1796638385778'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "recovery_dunning" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recovery_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "level" smallint NOT NULL, "issued_on" date NOT NULL, "payment_deadline" date NOT NULL, "outstanding_principal" numeric(15,2) NOT NULL, "interest" numeric(15,2) NOT NULL, "interest_outstanding" numeric(15,2) NOT NULL, "interest_until" date NOT NULL, "total_due" numeric(15,2) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_recovery_dunning_total" CHECK (total_due = outstanding_principal + interest_outstanding AND total_due > 0), CONSTRAINT "ck_recovery_dunning_deadline" CHECK (payment_deadline >= issued_on), CONSTRAINT "ck_recovery_dunning_level" CHECK (level IN (1, 2)), CONSTRAINT "PK_0633eaf9b99ed3934f229dabd0e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_recovery_dunning_provider" ON "recovery_dunning"  ("provider_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_recovery_dunning_level" ON "recovery_dunning"  ("recovery_id", "level") `);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD "dunning_id" uuid`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD "retry_count" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "recovery_dunning" ADD CONSTRAINT "FK_238f68d1e472f9121012aa0e2f8" FOREIGN KEY ("recovery_id") REFERENCES "recovery"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "ck_generated_document_kind"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "ck_generated_document_kind" CHECK (kind IN ('GRANT_DECISION', 'FORWARDING_CONTRACT', 'AMENDMENT', 'REJECTION', 'RECOVERY', 'PROOF_REVIEW', 'RECEIPT_CONFIRMATION', 'CONTRACT_AMENDMENT', 'REVOCATION', 'DUNNING', 'SETTLEMENT'))`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "ck_generated_document_status"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "ck_generated_document_status" CHECK (status IN ('PENDING', 'RENDERING', 'COMPLETED', 'FAILED'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "generated_document" WHERE kind IN ('CONTRACT_AMENDMENT', 'REVOCATION', 'DUNNING', 'SETTLEMENT')`);
        await queryRunner.query(`UPDATE "generated_document" SET status = 'PENDING' WHERE status = 'RENDERING'`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "ck_generated_document_status"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "ck_generated_document_status" CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED'))`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "ck_generated_document_kind"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "ck_generated_document_kind" CHECK (kind IN ('GRANT_DECISION', 'FORWARDING_CONTRACT', 'AMENDMENT', 'REJECTION', 'RECOVERY', 'PROOF_REVIEW', 'RECEIPT_CONFIRMATION'))`);
        await queryRunner.query(`ALTER TABLE "recovery_dunning" DROP CONSTRAINT "FK_238f68d1e472f9121012aa0e2f8"`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP COLUMN "retry_count"`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP COLUMN "dunning_id"`);
        await queryRunner.query(`DROP INDEX "public"."ux_recovery_dunning_level"`);
        await queryRunner.query(`DROP INDEX "public"."ix_recovery_dunning_provider"`);
        await queryRunner.query(`DROP TABLE "recovery_dunning"`);
    }

}
