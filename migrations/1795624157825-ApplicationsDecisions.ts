import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Calls, applications with versions, comments and early-start consents, the allocation round,
 * and decisions with their versions (issue 6). Generated from the entities, plus triggers that
 * keep submitted application versions and approved decision versions immutable.
 */
export class ApplicationsDecisions1795624157825 implements MigrationInterface {
    name = 'ApplicationsDecisions1795624157825'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "reference_counter" ("series" text NOT NULL, "year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_fd56ae6c56f33a4991735a0dfa0" PRIMARY KEY ("series", "year"))`);
        await queryRunner.query(`CREATE TABLE "funding_call" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "budget_year_id" uuid NOT NULL, "title" text NOT NULL, "text" text NOT NULL, "opening_date" date NOT NULL, "deadline" date NOT NULL, "eligible_fields_of_action" text array NOT NULL, "eligible_cost_categories" text array NOT NULL, "target_social_areas" text array NOT NULL, "status" text NOT NULL DEFAULT 'DRAFT', "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_funding_call_dates" CHECK (opening_date <= deadline), CONSTRAINT "ck_funding_call_status" CHECK (status IN ('DRAFT', 'PUBLISHED', 'CLOSED')), CONSTRAINT "PK_46eb79f4da0861a655f0d66cf67" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "application" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "call_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "status" text NOT NULL, "title" text NOT NULL, "purpose" text NOT NULL, "target_group" text NOT NULL, "fields_of_action" text array NOT NULL, "social_area_code" text NOT NULL, "municipality" text, "period_start" date NOT NULL, "period_end" date NOT NULL, "planned_start" date NOT NULL, "contact_name" text NOT NULL, "contact_email" text NOT NULL, "contact_phone" text, "project_begun" boolean NOT NULL DEFAULT false, "project_begun_on" date, "vat_deductible" boolean NOT NULL DEFAULT false, "other_public_funding" text, "better_position_respected" boolean NOT NULL DEFAULT false, "financing_plan" jsonb NOT NULL, "total_costs" numeric(15,2) NOT NULL, "own_funds" numeric(15,2) NOT NULL, "third_party_funds" numeric(15,2) NOT NULL, "requested_amount" numeric(15,2) NOT NULL, "submitted_version" integer NOT NULL DEFAULT '0', "first_submitted_at" TIMESTAMP WITH TIME ZONE, "last_submitted_at" TIMESTAMP WITH TIME ZONE, "review" jsonb, CONSTRAINT "ck_application_begun" CHECK (NOT project_begun OR project_begun_on IS NOT NULL), CONSTRAINT "ck_application_period" CHECK (period_start <= period_end), CONSTRAINT "ck_application_status" CHECK (status IN ('DRAFT','SUBMITTED','IN_REVIEW','CHANGES_REQUESTED','DECISION_PROPOSED','APPROVED','REJECTED','WITHDRAWN')), CONSTRAINT "PK_569e0c3e863ebdf5f2408ee1670" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_application_provider" ON "application"  ("provider_id") `);
        await queryRunner.query(`CREATE INDEX "ix_application_call_status" ON "application"  ("call_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_application_reference" ON "application"  ("reference") `);
        await queryRunner.query(`CREATE TABLE "application_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "version_no" integer NOT NULL, "submitted_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "snapshot" jsonb NOT NULL, CONSTRAINT "PK_7966d1a0e0406f80c3f22330c40" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_application_version" ON "application_version"  ("application_id", "version_no") `);
        await queryRunner.query(`CREATE TABLE "application_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "visible_to_provider" boolean NOT NULL, "author_id" uuid, "author_name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_application_comment_kind" CHECK (kind IN ('COMMENT', 'CHANGE_REQUEST', 'VOTUM', 'STATUS')), CONSTRAINT "PK_989bdab2aaa56cd0de4df26a1b2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_application_comment_app" ON "application_comment"  ("application_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "early_start_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "consent_date" date NOT NULL, "scope" text NOT NULL, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a852a118b0c76f664b8f65f0433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_early_start_consent_app" ON "early_start_consent"  ("application_id") `);
        await queryRunner.query(`CREATE TABLE "allocation_round" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'OPEN', "resolution_body" text, "resolution_date" date, "resolution_number" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmed_by" uuid, CONSTRAINT "ck_allocation_round_status" CHECK (status IN ('OPEN', 'CONFIRMED')), CONSTRAINT "PK_386f519efae0510112f466a99ea" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_allocation_round_call" ON "allocation_round"  ("call_id") `);
        await queryRunner.query(`CREATE TABLE "allocation_round_item" ("round_id" uuid NOT NULL, "application_id" uuid NOT NULL, "proposed_amount" numeric(15,2) NOT NULL, "note" text, CONSTRAINT "PK_ab62d9c984704ec2ecce986b034" PRIMARY KEY ("round_id", "application_id"))`);
        await queryRunner.query(`CREATE TABLE "decision" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "application_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "budget_year_id" uuid NOT NULL, "instrument" text NOT NULL, "outcome" text NOT NULL, "status" text NOT NULL, "current_version_no" integer, "field_of_action_code" text NOT NULL, "social_area_code" text NOT NULL, CONSTRAINT "ck_decision_status" CHECK (status IN ('PROPOSED', 'RETURNED', 'IN_FORCE', 'REJECTED', 'REVOKED')), CONSTRAINT "ck_decision_outcome" CHECK (outcome IN ('GRANT', 'REJECTION')), CONSTRAINT "ck_decision_instrument" CHECK (instrument IN ('BESCHEID', 'VERTRAG')), CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_decision_provider" ON "decision"  ("provider_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_decision_application" ON "decision"  ("application_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_decision_reference" ON "decision"  ("reference") `);
        await queryRunner.query(`CREATE TABLE "decision_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "version_no" integer, "kind" text NOT NULL, "status" text NOT NULL, "proposed_by" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "returned_by" uuid, "returned_at" TIMESTAMP WITH TIME ZONE, "return_reason" text, "decision_date" date, "effective_date" date, "reason" text, "purpose" text NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "financing_type" text, "funding_rate_percent" numeric(9,6), "max_amount" numeric(15,2) NOT NULL, "state_share" numeric(15,2) NOT NULL, "district_share" numeric(15,2) NOT NULL, "approved_plan" jsonb NOT NULL, "conditions" jsonb NOT NULL, "proof_due" date, "interim_proofs_due" jsonb NOT NULL, "eligible_from" date, "recovery_amount" numeric(15,2), CONSTRAINT "ck_decision_version_amounts" CHECK (max_amount >= 0 AND state_share + district_share = max_amount), CONSTRAINT "ck_decision_version_approved" CHECK ((status = 'APPROVED') = (version_no IS NOT NULL AND approved_by IS NOT NULL AND decision_date IS NOT NULL)), CONSTRAINT "ck_decision_version_four_eyes" CHECK (approved_by IS NULL OR approved_by <> proposed_by), CONSTRAINT "ck_decision_version_status" CHECK (status IN ('PROPOSED', 'APPROVED', 'RETURNED')), CONSTRAINT "ck_decision_version_kind" CHECK (kind IN ('ORIGINAL', 'AMENDMENT', 'REVOCATION')), CONSTRAINT "PK_a279dcac36002043e0cf3e271a3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_decision_version_one_pending" ON "decision_version"  ("decision_id") WHERE status = 'PROPOSED'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_decision_version_no" ON "decision_version"  ("decision_id", "version_no") WHERE version_no IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_decision_version_decision" ON "decision_version"  ("decision_id", "proposed_at") `);
        await queryRunner.query(`ALTER TABLE "funding_call" ADD CONSTRAINT "FK_b731a02a6e88b37016639b54399" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application" ADD CONSTRAINT "FK_8b70710754e03908e68bd669e56" FOREIGN KEY ("call_id") REFERENCES "funding_call"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application" ADD CONSTRAINT "FK_1c2c9b640dc1a3e127c75b81141" FOREIGN KEY ("provider_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application" ADD CONSTRAINT "FK_00bd570ca495b13f1a28a0743e2" FOREIGN KEY ("social_area_code") REFERENCES "social_area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_version" ADD CONSTRAINT "FK_3ea69e951961659cdd9a36e728a" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_comment" ADD CONSTRAINT "FK_0c14e922422dbde59243b4292f3" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "early_start_consent" ADD CONSTRAINT "FK_fe277437c7cc237ba7533f4798e" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "allocation_round" ADD CONSTRAINT "FK_a529169f4ef8026aa48865d9d5d" FOREIGN KEY ("call_id") REFERENCES "funding_call"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "allocation_round_item" ADD CONSTRAINT "FK_e557fc6ec7c9672aee34b83086e" FOREIGN KEY ("round_id") REFERENCES "allocation_round"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "allocation_round_item" ADD CONSTRAINT "FK_f9354c5c1eb4d960cec85c9fb6d" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "FK_4fe504b5ab0659c3eb62805faed" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "FK_a78e850d2a73c6a7269d153d8f5" FOREIGN KEY ("provider_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "FK_f7e3a85f8f170fc562b23efdcf7" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_version" ADD CONSTRAINT "FK_382fab85b04f82a8749f8e5b39d" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Submitted versions of an application are the record of what was applied for.
        await queryRunner.query(`CREATE TRIGGER application_version_append_only BEFORE UPDATE OR DELETE ON "application_version" FOR EACH ROW EXECUTE FUNCTION reject_change_append_only()`);
        // A decision is immutable once approved (DOMAIN §2.3); versions are never deleted.
        await queryRunner.query(`CREATE FUNCTION decision_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' OR OLD.status = 'APPROVED' THEN
                    RAISE EXCEPTION 'decision_version % is immutable (% refused)', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER decision_version_immutable BEFORE UPDATE OR DELETE ON "decision_version" FOR EACH ROW EXECUTE FUNCTION decision_version_immutable()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER decision_version_immutable ON "decision_version"`);
        await queryRunner.query(`DROP FUNCTION decision_version_immutable()`);
        await queryRunner.query(`DROP TRIGGER application_version_append_only ON "application_version"`);
        await queryRunner.query(`ALTER TABLE "decision_version" DROP CONSTRAINT "FK_382fab85b04f82a8749f8e5b39d"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_f7e3a85f8f170fc562b23efdcf7"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_a78e850d2a73c6a7269d153d8f5"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_4fe504b5ab0659c3eb62805faed"`);
        await queryRunner.query(`ALTER TABLE "allocation_round_item" DROP CONSTRAINT "FK_f9354c5c1eb4d960cec85c9fb6d"`);
        await queryRunner.query(`ALTER TABLE "allocation_round_item" DROP CONSTRAINT "FK_e557fc6ec7c9672aee34b83086e"`);
        await queryRunner.query(`ALTER TABLE "allocation_round" DROP CONSTRAINT "FK_a529169f4ef8026aa48865d9d5d"`);
        await queryRunner.query(`ALTER TABLE "early_start_consent" DROP CONSTRAINT "FK_fe277437c7cc237ba7533f4798e"`);
        await queryRunner.query(`ALTER TABLE "application_comment" DROP CONSTRAINT "FK_0c14e922422dbde59243b4292f3"`);
        await queryRunner.query(`ALTER TABLE "application_version" DROP CONSTRAINT "FK_3ea69e951961659cdd9a36e728a"`);
        await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "FK_00bd570ca495b13f1a28a0743e2"`);
        await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "FK_1c2c9b640dc1a3e127c75b81141"`);
        await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "FK_8b70710754e03908e68bd669e56"`);
        await queryRunner.query(`ALTER TABLE "funding_call" DROP CONSTRAINT "FK_b731a02a6e88b37016639b54399"`);
        await queryRunner.query(`DROP INDEX "public"."ix_decision_version_decision"`);
        await queryRunner.query(`DROP INDEX "public"."ux_decision_version_no"`);
        await queryRunner.query(`DROP INDEX "public"."ux_decision_version_one_pending"`);
        await queryRunner.query(`DROP TABLE "decision_version"`);
        await queryRunner.query(`DROP INDEX "public"."ux_decision_reference"`);
        await queryRunner.query(`DROP INDEX "public"."ux_decision_application"`);
        await queryRunner.query(`DROP INDEX "public"."ix_decision_provider"`);
        await queryRunner.query(`DROP TABLE "decision"`);
        await queryRunner.query(`DROP TABLE "allocation_round_item"`);
        await queryRunner.query(`DROP INDEX "public"."ux_allocation_round_call"`);
        await queryRunner.query(`DROP TABLE "allocation_round"`);
        await queryRunner.query(`DROP INDEX "public"."ix_early_start_consent_app"`);
        await queryRunner.query(`DROP TABLE "early_start_consent"`);
        await queryRunner.query(`DROP INDEX "public"."ix_application_comment_app"`);
        await queryRunner.query(`DROP TABLE "application_comment"`);
        await queryRunner.query(`DROP INDEX "public"."ux_application_version"`);
        await queryRunner.query(`DROP TABLE "application_version"`);
        await queryRunner.query(`DROP INDEX "public"."ux_application_reference"`);
        await queryRunner.query(`DROP INDEX "public"."ix_application_call_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_application_provider"`);
        await queryRunner.query(`DROP TABLE "application"`);
        await queryRunner.query(`DROP TABLE "funding_call"`);
        await queryRunner.query(`DROP TABLE "reference_counter"`);
    }

}
