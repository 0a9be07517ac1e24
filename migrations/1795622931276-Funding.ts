import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Budget years, their materialised balances and the append-only budget ledger (issue 5).
 * Generated from the entities, plus the append-only trigger TypeORM cannot express.
 */
export class Funding1795622931276 implements MigrationInterface {
    name = 'Funding1795622931276'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "budget_year" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "year" integer NOT NULL, "state_grant_reference" text NOT NULL, "state_grant_date" date NOT NULL, "state_rate_percent" numeric(9,6) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "state_proof_due" date NOT NULL, "district_budget_line" text NOT NULL, "application_deadline" date, "status" text NOT NULL DEFAULT 'OPEN', CONSTRAINT "ck_budget_year_status" CHECK (status IN ('OPEN', 'CLOSED')), CONSTRAINT "ck_budget_year_rate" CHECK (state_rate_percent >= 0 AND state_rate_percent <= 100), CONSTRAINT "ck_budget_year_period" CHECK (period_start <= period_end), CONSTRAINT "PK_d82e24d853deb7b68d7b462c32d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_budget_year_programme_year" ON "budget_year"  ("programme_id", "year") `);
        await queryRunner.query(`CREATE TABLE "budget_year_balance" ("budget_year_id" uuid NOT NULL, "allocated_state" numeric(15,2) NOT NULL DEFAULT '0', "allocated_district" numeric(15,2) NOT NULL DEFAULT '0', "committed_state" numeric(15,2) NOT NULL DEFAULT '0', "committed_district" numeric(15,2) NOT NULL DEFAULT '0', "disbursed_state" numeric(15,2) NOT NULL DEFAULT '0', "disbursed_district" numeric(15,2) NOT NULL DEFAULT '0', "recoveries_due_state" numeric(15,2) NOT NULL DEFAULT '0', "recoveries_due_district" numeric(15,2) NOT NULL DEFAULT '0', "recoveries_received_state" numeric(15,2) NOT NULL DEFAULT '0', "recoveries_received_district" numeric(15,2) NOT NULL DEFAULT '0', "received_from_state" numeric(15,2) NOT NULL DEFAULT '0', "refunded_to_state" numeric(15,2) NOT NULL DEFAULT '0', "entry_count" bigint NOT NULL DEFAULT '0', "last_entry_id" bigint, CONSTRAINT "ck_balance_state_drawdown_capped" CHECK (received_from_state - refunded_to_state <= allocated_state), CONSTRAINT "ck_balance_committed_non_negative" CHECK (committed_state + committed_district >= 0), CONSTRAINT "ck_balance_allocated_non_negative" CHECK (allocated_state >= 0 AND allocated_district >= 0), CONSTRAINT "ck_balance_not_overcommitted" CHECK (committed_state + committed_district <= allocated_state + allocated_district), CONSTRAINT "PK_eb60857e397f5edd906d90f33bd" PRIMARY KEY ("budget_year_id"))`);
        await queryRunner.query(`CREATE TABLE "budget_ledger_entry" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "budget_year_id" uuid NOT NULL, "kind" text NOT NULL, "amount" numeric(15,2) NOT NULL, "state_share" numeric(15,2) NOT NULL, "district_share" numeric(15,2) NOT NULL, "provider_id" uuid, "field_of_action_code" text, "social_area_code" text, "reference_type" text, "reference_id" text, "corrects_entry_id" bigint, "note" text, "booking_date" date NOT NULL, "actor_id" uuid, "request_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_ledger_kind" CHECK (kind IN ('ALLOCATION','COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT','RECOVERY_DUE','RECOVERY_RECEIVED','STATE_DRAWDOWN','STATE_REFUND')), CONSTRAINT "ck_ledger_amount_non_zero" CHECK (amount <> 0), CONSTRAINT "ck_ledger_split_sums" CHECK (state_share + district_share = amount), CONSTRAINT "PK_84c14af520f3a927eff652555b6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_ledger_reference" ON "budget_ledger_entry"  ("reference_type", "reference_id") `);
        await queryRunner.query(`CREATE INDEX "ix_ledger_provider" ON "budget_ledger_entry"  ("provider_id") `);
        await queryRunner.query(`CREATE INDEX "ix_ledger_year_kind" ON "budget_ledger_entry"  ("budget_year_id", "kind") `);
        await queryRunner.query(`CREATE INDEX "ix_ledger_year_id" ON "budget_ledger_entry"  ("budget_year_id", "id") `);
        await queryRunner.query(`ALTER TABLE "budget_year" ADD CONSTRAINT "FK_75730acc634008264a6ab0d72ff" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "budget_year_balance" ADD CONSTRAINT "FK_eb60857e397f5edd906d90f33bd" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ADD CONSTRAINT "FK_27813de8e3c25996644c7ff92c1" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ADD CONSTRAINT "FK_31d175b119aa06a6d5620f9ebf8" FOREIGN KEY ("provider_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ADD CONSTRAINT "FK_601bb57a5d9f16ebd773562e16d" FOREIGN KEY ("field_of_action_code") REFERENCES "field_of_action"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ADD CONSTRAINT "FK_a8ec6b26a3e128776dc84d8c138" FOREIGN KEY ("social_area_code") REFERENCES "social_area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ADD CONSTRAINT "FK_b9798204d21eecd903531a3d281" FOREIGN KEY ("corrects_entry_id") REFERENCES "budget_ledger_entry"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Append-only ledger: corrections are new entries, never edits.
        await queryRunner.query(`CREATE FUNCTION reject_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER budget_ledger_entry_append_only BEFORE UPDATE OR DELETE ON "budget_ledger_entry" FOR EACH ROW EXECUTE FUNCTION reject_change_append_only()`);
        await queryRunner.query(`CREATE TRIGGER budget_ledger_entry_no_truncate BEFORE TRUNCATE ON "budget_ledger_entry" FOR EACH STATEMENT EXECUTE FUNCTION reject_change_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DROP CONSTRAINT "FK_b9798204d21eecd903531a3d281"`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DROP CONSTRAINT "FK_a8ec6b26a3e128776dc84d8c138"`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DROP CONSTRAINT "FK_601bb57a5d9f16ebd773562e16d"`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DROP CONSTRAINT "FK_31d175b119aa06a6d5620f9ebf8"`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DROP CONSTRAINT "FK_27813de8e3c25996644c7ff92c1"`);
        await queryRunner.query(`ALTER TABLE "budget_year_balance" DROP CONSTRAINT "FK_eb60857e397f5edd906d90f33bd"`);
        await queryRunner.query(`ALTER TABLE "budget_year" DROP CONSTRAINT "FK_75730acc634008264a6ab0d72ff"`);
        await queryRunner.query(`DROP INDEX "public"."ix_ledger_year_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_ledger_year_kind"`);
        await queryRunner.query(`DROP INDEX "public"."ix_ledger_provider"`);
        await queryRunner.query(`DROP INDEX "public"."ix_ledger_reference"`);
        await queryRunner.query(`DROP TABLE "budget_ledger_entry"`);
        await queryRunner.query(`DROP FUNCTION reject_change_append_only()`);
        await queryRunner.query(`DROP TABLE "budget_year_balance"`);
        await queryRunner.query(`DROP INDEX "public"."ux_budget_year_programme_year"`);
        await queryRunner.query(`DROP TABLE "budget_year"`);
    }

}
