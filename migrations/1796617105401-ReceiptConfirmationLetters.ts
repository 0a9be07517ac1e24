import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Eingangsbestätigungen (issue 14 item 4): a letter of an Antrag before any decision. The kind's
 * CHECK is changed by hand (TypeORM does not compare CHECK expressions).
 */
export class ReceiptConfirmationLetters1796617105401 implements MigrationInterface {
    name = 'ReceiptConfirmationLetters1796617105401'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "generated_document" ADD "application_id" uuid`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "FK_7dab1913b35b9104a9890fd8e0f"`);
        await queryRunner.query(`DROP INDEX "public"."ix_generated_document_decision"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ALTER COLUMN "decision_id" DROP NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_generated_document_application" ON "generated_document"  ("application_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_generated_document_decision" ON "generated_document"  ("decision_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "ck_generated_document_owner" CHECK (decision_id IS NOT NULL OR application_id IS NOT NULL)`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "ck_generated_document_kind"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "ck_generated_document_kind" CHECK (kind IN ('GRANT_DECISION', 'FORWARDING_CONTRACT', 'AMENDMENT', 'REJECTION', 'RECOVERY', 'PROOF_REVIEW', 'RECEIPT_CONFIRMATION'))`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "FK_7dab1913b35b9104a9890fd8e0f" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "FK_bb61c237fe2baea9d0f4651d6fa" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "generated_document" WHERE kind = 'RECEIPT_CONFIRMATION'`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "ck_generated_document_kind"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "ck_generated_document_kind" CHECK (kind IN ('GRANT_DECISION', 'FORWARDING_CONTRACT', 'AMENDMENT', 'REJECTION', 'RECOVERY', 'PROOF_REVIEW'))`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "FK_bb61c237fe2baea9d0f4651d6fa"`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "FK_7dab1913b35b9104a9890fd8e0f"`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "ck_generated_document_owner"`);
        await queryRunner.query(`DROP INDEX "public"."ix_generated_document_decision"`);
        await queryRunner.query(`DROP INDEX "public"."ix_generated_document_application"`);
        await queryRunner.query(`ALTER TABLE "generated_document" ALTER COLUMN "decision_id" SET NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_generated_document_decision" ON "generated_document" USING btree ("decision_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "FK_7dab1913b35b9104a9890fd8e0f" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP COLUMN "application_id"`);
    }

}
