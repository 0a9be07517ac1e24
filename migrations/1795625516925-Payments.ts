import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Payments (issue 7): Mittelabrufe, Auszahlungen, SEPA files, fund uses and § 49a (4) decisions,
 * drawdowns from the Land, repayments; plus the payout cap columns on decision. Generated from the
 * entities, plus a backfill of the cap and a trigger that keeps sent payment files unchanged.
 */
export class Payments1795625516925 implements MigrationInterface {
    name = 'Payments1795625516925'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "payment_request" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "sequence" integer NOT NULL, "decision_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "budget_year_id" uuid NOT NULL, "status" text NOT NULL, "requested_amount" numeric(15,2) NOT NULL, "due_payments" jsonb NOT NULL, "due_total" numeric(15,2), "due_explanation" text, "requested_value_date" date NOT NULL, "limit" jsonb, "iban" text, "bic" text, "account_holder" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" uuid, "checked_amount" numeric(15,2), "check_note" text, "checked_by" uuid, "checked_at" TIMESTAMP WITH TIME ZONE, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" text, "paid_on" date, CONSTRAINT "ck_payment_request_four_eyes" CHECK (approved_by IS NULL OR approved_by <> checked_by), CONSTRAINT "ck_payment_request_amounts" CHECK (requested_amount > 0 AND (checked_amount IS NULL OR (checked_amount > 0 AND checked_amount <= requested_amount))), CONSTRAINT "ck_payment_request_status" CHECK (status IN ('DRAFT','SUBMITTED','CHECKED','APPROVED','PAID','REJECTED','WITHDRAWN')), CONSTRAINT "PK_b274a8e7b35dd0fd12e46e89f3c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_payment_request_provider" ON "payment_request"  ("provider_id") `);
        await queryRunner.query(`CREATE INDEX "ix_payment_request_status" ON "payment_request"  ("status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_payment_request_sequence" ON "payment_request"  ("decision_id", "sequence") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_payment_request_reference" ON "payment_request"  ("reference") `);
        await queryRunner.query(`CREATE TABLE "disbursement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_request_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "budget_year_id" uuid NOT NULL, "amount" numeric(15,2) NOT NULL, "state_share" numeric(15,2) NOT NULL, "district_share" numeric(15,2) NOT NULL, "status" text NOT NULL, "iban" text NOT NULL, "bic" text, "account_holder" text NOT NULL, "requested_value_date" date NOT NULL, "ledger_entry_id" bigint NOT NULL, "payment_file_id" uuid, "paid_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_disbursement_split" CHECK (state_share + district_share = amount AND amount > 0), CONSTRAINT "ck_disbursement_file" CHECK ((status = 'APPROVED') = (payment_file_id IS NULL)), CONSTRAINT "ck_disbursement_status" CHECK (status IN ('APPROVED', 'IN_FILE', 'PAID')), CONSTRAINT "PK_463ed35f32b733386261ab7d7fa" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_disbursement_file" ON "disbursement"  ("payment_file_id") `);
        await queryRunner.query(`CREATE INDEX "ix_disbursement_decision" ON "disbursement"  ("decision_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_disbursement_request" ON "disbursement"  ("payment_request_id") `);
        await queryRunner.query(`CREATE TABLE "payment_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" text NOT NULL, "status" text NOT NULL, "execution_date" date NOT NULL, "number_of_transactions" integer NOT NULL, "control_sum" numeric(15,2) NOT NULL, "pain_version" text NOT NULL, "xml" text NOT NULL, "sha256" character(64) NOT NULL, "warnings" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "booked_on" date, CONSTRAINT "ck_payment_file_status" CHECK (status IN ('CREATED', 'BOOKED')), CONSTRAINT "PK_b5cb402e083b4682f862fbf5aa0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_payment_file_message" ON "payment_file"  ("message_id") `);
        await queryRunner.query(`CREATE TABLE "fund_use" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "used_on" date NOT NULL, "amount" numeric(15,2) NOT NULL, "source" text NOT NULL, "note" text, "reported_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_fund_use_source" CHECK (source IN ('REPORTED', 'RECEIPTS')), CONSTRAINT "ck_fund_use_amount" CHECK (amount > 0), CONSTRAINT "PK_7a033542e5417d2abd1148df29b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_fund_use_decision" ON "fund_use"  ("decision_id", "used_on") `);
        await queryRunner.query(`CREATE TABLE "late_use_interest_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "outcome" text NOT NULL, "computed_interest" numeric(15,2) NOT NULL, "demanded_amount" numeric(15,2) NOT NULL, "as_of" date NOT NULL, "reason" text NOT NULL, "calculation" jsonb NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_late_use_outcome" CHECK (outcome IN ('DEMAND', 'WAIVE')), CONSTRAINT "PK_806ebbf957749f635744136dbd3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_late_use_interest_decision" ON "late_use_interest_decision"  ("decision_id", "decided_at") `);
        await queryRunner.query(`CREATE TABLE "state_drawdown" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "budget_year_id" uuid NOT NULL, "reference" text NOT NULL, "amount" numeric(15,2) NOT NULL, "requested_on" date NOT NULL, "status" text NOT NULL, "received_on" date, "ledger_entry_id" bigint, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_state_drawdown_amount" CHECK (amount > 0), CONSTRAINT "ck_state_drawdown_status" CHECK (status IN ('REQUESTED', 'RECEIVED')), CONSTRAINT "PK_087b89c342f8e607df069e0d474" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_state_drawdown_year" ON "state_drawdown"  ("budget_year_id") `);
        await queryRunner.query(`CREATE TABLE "repayment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "budget_year_id" uuid NOT NULL, "recovery_id" uuid, "kind" text NOT NULL, "received_on" date NOT NULL, "amount" numeric(15,2) NOT NULL, "state_share" numeric(15,2) NOT NULL, "district_share" numeric(15,2) NOT NULL, "payer" text NOT NULL, "payment_reference" text NOT NULL, "ledger_entry_id" bigint NOT NULL, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_repayment_kind" CHECK (kind IN ('RECOVERY', 'VOLUNTARY')), CONSTRAINT "ck_repayment_amount" CHECK (amount > 0), CONSTRAINT "PK_73c2754ffb392d8ca8023f20ec5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_repayment_recovery" ON "repayment"  ("recovery_id") `);
        await queryRunner.query(`CREATE INDEX "ix_repayment_decision" ON "repayment"  ("decision_id") `);
        await queryRunner.query(`ALTER TABLE "decision" ADD "max_amount" numeric(15,2) NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "decision" ADD "disbursed_amount" numeric(15,2) NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_disbursed" CHECK (disbursed_amount >= 0 AND max_amount >= 0)`);
        await queryRunner.query(`ALTER TABLE "payment_request" ADD CONSTRAINT "FK_1d8f162700a0c2001adcc8e1782" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "payment_request" ADD CONSTRAINT "FK_338b2fdfc6ed7670aff824be1a5" FOREIGN KEY ("provider_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "payment_request" ADD CONSTRAINT "FK_f5c31ad8eb7320a36c7666d79a7" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disbursement" ADD CONSTRAINT "FK_056a37928efce7e4dcd320a15fb" FOREIGN KEY ("payment_request_id") REFERENCES "payment_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disbursement" ADD CONSTRAINT "FK_58c7fa99454e3d29450ed72ecdf" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "fund_use" ADD CONSTRAINT "FK_9fa8ef90fa17d82d1b83c83e6e6" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "late_use_interest_decision" ADD CONSTRAINT "FK_e82de0e99057b81419ace011d88" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "state_drawdown" ADD CONSTRAINT "FK_35852b26a1bb12d7481f6cf4f32" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "repayment" ADD CONSTRAINT "FK_7531623de5f677d932ebbc2fad8" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Decisions approved before this migration: the cap is the Höchstbetrag of the version in force.
        await queryRunner.query(`UPDATE "decision" d SET "max_amount" = v."max_amount" FROM "decision_version" v WHERE v."decision_id" = d."id" AND v."version_no" = d."current_version_no"`);
        // A payment file is what went to the bank: its content never changes, only its booking state.
        await queryRunner.query(`CREATE FUNCTION payment_file_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' OR NEW.xml IS DISTINCT FROM OLD.xml OR NEW.sha256 IS DISTINCT FROM OLD.sha256
                   OR NEW.control_sum IS DISTINCT FROM OLD.control_sum OR NEW.message_id IS DISTINCT FROM OLD.message_id THEN
                    RAISE EXCEPTION 'payment_file % is immutable (% refused)', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER payment_file_immutable BEFORE UPDATE OR DELETE ON "payment_file" FOR EACH ROW EXECUTE FUNCTION payment_file_immutable()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER payment_file_immutable ON "payment_file"`);
        await queryRunner.query(`DROP FUNCTION payment_file_immutable()`);
        await queryRunner.query(`ALTER TABLE "repayment" DROP CONSTRAINT "FK_7531623de5f677d932ebbc2fad8"`);
        await queryRunner.query(`ALTER TABLE "state_drawdown" DROP CONSTRAINT "FK_35852b26a1bb12d7481f6cf4f32"`);
        await queryRunner.query(`ALTER TABLE "late_use_interest_decision" DROP CONSTRAINT "FK_e82de0e99057b81419ace011d88"`);
        await queryRunner.query(`ALTER TABLE "fund_use" DROP CONSTRAINT "FK_9fa8ef90fa17d82d1b83c83e6e6"`);
        await queryRunner.query(`ALTER TABLE "disbursement" DROP CONSTRAINT "FK_58c7fa99454e3d29450ed72ecdf"`);
        await queryRunner.query(`ALTER TABLE "disbursement" DROP CONSTRAINT "FK_056a37928efce7e4dcd320a15fb"`);
        await queryRunner.query(`ALTER TABLE "payment_request" DROP CONSTRAINT "FK_f5c31ad8eb7320a36c7666d79a7"`);
        await queryRunner.query(`ALTER TABLE "payment_request" DROP CONSTRAINT "FK_338b2fdfc6ed7670aff824be1a5"`);
        await queryRunner.query(`ALTER TABLE "payment_request" DROP CONSTRAINT "FK_1d8f162700a0c2001adcc8e1782"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_disbursed"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "disbursed_amount"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP COLUMN "max_amount"`);
        await queryRunner.query(`DROP INDEX "public"."ix_repayment_decision"`);
        await queryRunner.query(`DROP INDEX "public"."ix_repayment_recovery"`);
        await queryRunner.query(`DROP TABLE "repayment"`);
        await queryRunner.query(`DROP INDEX "public"."ix_state_drawdown_year"`);
        await queryRunner.query(`DROP TABLE "state_drawdown"`);
        await queryRunner.query(`DROP INDEX "public"."ix_late_use_interest_decision"`);
        await queryRunner.query(`DROP TABLE "late_use_interest_decision"`);
        await queryRunner.query(`DROP INDEX "public"."ix_fund_use_decision"`);
        await queryRunner.query(`DROP TABLE "fund_use"`);
        await queryRunner.query(`DROP INDEX "public"."ux_payment_file_message"`);
        await queryRunner.query(`DROP TABLE "payment_file"`);
        await queryRunner.query(`DROP INDEX "public"."ux_disbursement_request"`);
        await queryRunner.query(`DROP INDEX "public"."ix_disbursement_decision"`);
        await queryRunner.query(`DROP INDEX "public"."ix_disbursement_file"`);
        await queryRunner.query(`DROP TABLE "disbursement"`);
        await queryRunner.query(`DROP INDEX "public"."ux_payment_request_reference"`);
        await queryRunner.query(`DROP INDEX "public"."ux_payment_request_sequence"`);
        await queryRunner.query(`DROP INDEX "public"."ix_payment_request_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_payment_request_provider"`);
        await queryRunner.query(`DROP TABLE "payment_request"`);
    }

}
