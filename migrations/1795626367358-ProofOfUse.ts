import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Proofs of use, receipts and their imports, the Prüfvermerk, Festsetzung, Rückforderung and the
 * Kreis's proof to the Land (issue 8). Generated from the entities, plus the retention guard:
 * no receipt is deleted before its retention period has ended.
 */
export class ProofOfUse1795626367358 implements MigrationInterface {
    name = 'ProofOfUse1795626367358'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "proof_of_use" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "decision_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "budget_year_id" uuid NOT NULL, "kind" text NOT NULL, "covered_year" integer, "status" text NOT NULL, "narrative" jsonb NOT NULL, "figures" jsonb NOT NULL, "actual_costs" numeric(15,2) NOT NULL DEFAULT '0', "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" uuid, "retain_until" date, CONSTRAINT "ck_proof_interim_year" CHECK ((kind = 'INTERIM') = (covered_year IS NOT NULL)), CONSTRAINT "ck_proof_status" CHECK (status IN ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'REVIEWED', 'SETTLED')), CONSTRAINT "ck_proof_kind" CHECK (kind IN ('FINAL', 'INTERIM')), CONSTRAINT "PK_4bc0ac4578495b2cbc44a58b015" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_proof_of_use_provider" ON "proof_of_use"  ("provider_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_proof_of_use_kind" ON "proof_of_use"  ("decision_id", "kind", "covered_year") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_proof_of_use_reference" ON "proof_of_use"  ("reference") `);
        await queryRunner.query(`CREATE TABLE "receipt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proof_id" uuid NOT NULL, "position" integer NOT NULL, "receipt_number" text NOT NULL, "receipt_date" date NOT NULL, "payment_date" date NOT NULL, "counterparty" text NOT NULL, "reason" text NOT NULL, "direction" text NOT NULL, "cost_category" text NOT NULL, "gross_amount" numeric(15,2) NOT NULL, "vat_amount" numeric(15,2) NOT NULL, "project_share_percent" numeric(9,6) NOT NULL, "eligible_amount" numeric(15,2) NOT NULL, "personnel_position" text, "in_sample" boolean NOT NULL DEFAULT false, "sample_reason" text, "review_status" text NOT NULL DEFAULT 'OPEN', "recognised_amount" numeric(15,2), "review_note" text, "retain_until" date, CONSTRAINT "ck_receipt_recognised" CHECK (recognised_amount IS NULL OR (recognised_amount >= 0 AND recognised_amount <= eligible_amount)), CONSTRAINT "ck_receipt_amounts" CHECK (gross_amount >= 0 AND vat_amount >= 0 AND vat_amount <= gross_amount AND eligible_amount >= 0 AND project_share_percent > 0 AND project_share_percent <= 100), CONSTRAINT "ck_receipt_review" CHECK (review_status IN ('OPEN', 'RECOGNISED', 'REDUCED', 'REFUSED')), CONSTRAINT "ck_receipt_direction" CHECK (direction IN ('EXPENSE', 'INCOME')), CONSTRAINT "PK_b4b9ec7d164235fbba023da9832" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_receipt_number" ON "receipt"  ("proof_id", "receipt_number") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_receipt_position" ON "receipt"  ("proof_id", "position") `);
        await queryRunner.query(`CREATE TABLE "receipt_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proof_id" uuid NOT NULL, "status" text NOT NULL, "format" text NOT NULL, "mode" text NOT NULL, "file_key" text NOT NULL, "original_name" text NOT NULL, "size_bytes" integer NOT NULL, "progress" integer NOT NULL DEFAULT '0', "rows_read" integer NOT NULL DEFAULT '0', "rows_imported" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "job_id" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_receipt_import_mode" CHECK (mode IN ('REPLACE', 'APPEND')), CONSTRAINT "ck_receipt_import_format" CHECK (format IN ('XLSX', 'CSV')), CONSTRAINT "ck_receipt_import_status" CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')), CONSTRAINT "PK_58d09e767d16fa72a6fa4bb9eae" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_receipt_import_proof" ON "receipt_import"  ("proof_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "proof_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proof_id" uuid NOT NULL, "status" text NOT NULL, "cursory" jsonb NOT NULL, "sample_share_percent" numeric(9,6), "sample_seed" text, "sample_size" integer NOT NULL DEFAULT '0', "result" jsonb, "conclusion" text, "reviewer_id" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_proof_review_status" CHECK (status IN ('IN_PROGRESS', 'COMPLETED')), CONSTRAINT "PK_0578c2e9e2b273accc348db6218" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_proof_review_proof" ON "proof_review"  ("proof_id") `);
        await queryRunner.query(`CREATE TABLE "settlement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "proof_id" uuid NOT NULL, "status" text NOT NULL, "final_grant" numeric(15,2) NOT NULL, "recognised_costs" numeric(15,2) NOT NULL, "paid_amount" numeric(15,2) NOT NULL, "recovery_amount" numeric(15,2) NOT NULL, "release_amount" numeric(15,2) NOT NULL, "calculation" jsonb NOT NULL, "recovery_due_date" date, "proposed_by" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "decision_date" date, "return_reason" text, CONSTRAINT "ck_settlement_four_eyes" CHECK (approved_by IS NULL OR approved_by <> proposed_by), CONSTRAINT "ck_settlement_status" CHECK (status IN ('PROPOSED', 'APPROVED', 'RETURNED')), CONSTRAINT "PK_23997ae6972574beb45af0177ad" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_settlement_one_pending" ON "settlement"  ("decision_id") WHERE status IN ('PROPOSED', 'APPROVED')`);
        await queryRunner.query(`CREATE INDEX "ix_settlement_decision" ON "settlement"  ("decision_id") `);
        await queryRunner.query(`CREATE TABLE "recovery" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "decision_id" uuid NOT NULL, "settlement_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "instrument" text NOT NULL, "principal" numeric(15,2) NOT NULL, "interest_parts" jsonb NOT NULL, "due_date" date NOT NULL, "status" text NOT NULL, "repaid_principal" numeric(15,2) NOT NULL DEFAULT '0', "repaid_interest" numeric(15,2) NOT NULL DEFAULT '0', "settled_on" date, "ledger_entry_id" bigint NOT NULL, CONSTRAINT "ck_recovery_amounts" CHECK (principal > 0 AND repaid_principal >= 0 AND repaid_principal <= principal), CONSTRAINT "ck_recovery_status" CHECK (status IN ('OPEN', 'PARTIALLY_PAID', 'SETTLED')), CONSTRAINT "PK_47b2530af2d597ff1b210847140" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_recovery_decision" ON "recovery"  ("decision_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_recovery_reference" ON "recovery"  ("reference") `);
        await queryRunner.query(`CREATE TABLE "state_proof" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "budget_year_id" uuid NOT NULL, "status" text NOT NULL, "own_eligible_costs" numeric(15,2) NOT NULL DEFAULT '0', "figures" jsonb, "submitted_on" date, "submission_reference" text, "submitted_by" uuid, CONSTRAINT "ck_state_proof_status" CHECK (status IN ('DRAFT', 'SUBMITTED')), CONSTRAINT "PK_924041f0395a157936c2563b077" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_state_proof_year" ON "state_proof"  ("budget_year_id") `);
        await queryRunner.query(`ALTER TABLE "proof_of_use" ADD CONSTRAINT "FK_b46395ab3b77ff5a01d1d6478a3" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "proof_of_use" ADD CONSTRAINT "FK_b647b919400c23048b8fc7e55d5" FOREIGN KEY ("provider_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "proof_of_use" ADD CONSTRAINT "FK_92d9dad93f08606e575efeb7ad6" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "receipt" ADD CONSTRAINT "FK_04548b8434a1f6f9ee7f95260b2" FOREIGN KEY ("proof_id") REFERENCES "proof_of_use"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "receipt_import" ADD CONSTRAINT "FK_36b0540be60c696cb6fd3772bc3" FOREIGN KEY ("proof_id") REFERENCES "proof_of_use"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "proof_review" ADD CONSTRAINT "FK_a434b6cd6c967440517fa48dffd" FOREIGN KEY ("proof_id") REFERENCES "proof_of_use"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "settlement" ADD CONSTRAINT "FK_ff092158dca3dc9bf5af3b35acc" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "settlement" ADD CONSTRAINT "FK_d9f114892bca8f56ad6922127c7" FOREIGN KEY ("proof_id") REFERENCES "proof_of_use"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recovery" ADD CONSTRAINT "FK_0c54efa0541498216ae8afc9b0e" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recovery" ADD CONSTRAINT "FK_1f2156c822f93e8f5bc199c11d2" FOREIGN KEY ("settlement_id") REFERENCES "settlement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "state_proof" ADD CONSTRAINT "FK_9d7bd53d7e98d1f13b5f62c4a9f" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // A settled decision without anything to recover is CLOSED (TypeORM does not diff CHECK expressions).
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_status"`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_status" CHECK (status IN ('PROPOSED', 'RETURNED', 'IN_FORCE', 'REJECTED', 'REVOKED', 'CLOSED'))`);
        // Aufbewahrung (DOMAIN §2 step 9): a submitted receipt stays until its retention date.
        await queryRunner.query(`CREATE FUNCTION receipt_retention_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.retain_until IS NOT NULL AND OLD.retain_until >= CURRENT_DATE THEN
                    RAISE EXCEPTION 'receipt % must be kept until % (retention)', OLD.id, OLD.retain_until USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN OLD;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER receipt_retention_guard BEFORE DELETE ON "receipt" FOR EACH ROW EXECUTE FUNCTION receipt_retention_guard()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER receipt_retention_guard ON "receipt"`);
        await queryRunner.query(`DROP FUNCTION receipt_retention_guard()`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_status"`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_status" CHECK (status IN ('PROPOSED', 'RETURNED', 'IN_FORCE', 'REJECTED', 'REVOKED'))`);
        await queryRunner.query(`ALTER TABLE "state_proof" DROP CONSTRAINT "FK_9d7bd53d7e98d1f13b5f62c4a9f"`);
        await queryRunner.query(`ALTER TABLE "recovery" DROP CONSTRAINT "FK_1f2156c822f93e8f5bc199c11d2"`);
        await queryRunner.query(`ALTER TABLE "recovery" DROP CONSTRAINT "FK_0c54efa0541498216ae8afc9b0e"`);
        await queryRunner.query(`ALTER TABLE "settlement" DROP CONSTRAINT "FK_d9f114892bca8f56ad6922127c7"`);
        await queryRunner.query(`ALTER TABLE "settlement" DROP CONSTRAINT "FK_ff092158dca3dc9bf5af3b35acc"`);
        await queryRunner.query(`ALTER TABLE "proof_review" DROP CONSTRAINT "FK_a434b6cd6c967440517fa48dffd"`);
        await queryRunner.query(`ALTER TABLE "receipt_import" DROP CONSTRAINT "FK_36b0540be60c696cb6fd3772bc3"`);
        await queryRunner.query(`ALTER TABLE "receipt" DROP CONSTRAINT "FK_04548b8434a1f6f9ee7f95260b2"`);
        await queryRunner.query(`ALTER TABLE "proof_of_use" DROP CONSTRAINT "FK_92d9dad93f08606e575efeb7ad6"`);
        await queryRunner.query(`ALTER TABLE "proof_of_use" DROP CONSTRAINT "FK_b647b919400c23048b8fc7e55d5"`);
        await queryRunner.query(`ALTER TABLE "proof_of_use" DROP CONSTRAINT "FK_b46395ab3b77ff5a01d1d6478a3"`);
        await queryRunner.query(`DROP INDEX "public"."ux_state_proof_year"`);
        await queryRunner.query(`DROP TABLE "state_proof"`);
        await queryRunner.query(`DROP INDEX "public"."ux_recovery_reference"`);
        await queryRunner.query(`DROP INDEX "public"."ix_recovery_decision"`);
        await queryRunner.query(`DROP TABLE "recovery"`);
        await queryRunner.query(`DROP INDEX "public"."ix_settlement_decision"`);
        await queryRunner.query(`DROP INDEX "public"."ux_settlement_one_pending"`);
        await queryRunner.query(`DROP TABLE "settlement"`);
        await queryRunner.query(`DROP INDEX "public"."ux_proof_review_proof"`);
        await queryRunner.query(`DROP TABLE "proof_review"`);
        await queryRunner.query(`DROP INDEX "public"."ix_receipt_import_proof"`);
        await queryRunner.query(`DROP TABLE "receipt_import"`);
        await queryRunner.query(`DROP INDEX "public"."ux_receipt_position"`);
        await queryRunner.query(`DROP INDEX "public"."ix_receipt_number"`);
        await queryRunner.query(`DROP TABLE "receipt"`);
        await queryRunner.query(`DROP INDEX "public"."ux_proof_of_use_reference"`);
        await queryRunner.query(`DROP INDEX "public"."ux_proof_of_use_kind"`);
        await queryRunner.query(`DROP INDEX "public"."ix_proof_of_use_provider"`);
        await queryRunner.query(`DROP TABLE "proof_of_use"`);
    }

}
