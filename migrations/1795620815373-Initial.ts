import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The platform schema: audit log (append-only, hash-chained), identity, organisations,
 * reference data. Generated from the entities, plus what TypeORM cannot express: the
 * append-only trigger and the chain head's single row.
 */
export class Initial1795620815373 implements MigrationInterface {
    name = 'Initial1795620815373'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_email" text, "action" text NOT NULL, "entity" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_occurred_at" ON "audit_event"  ("occurred_at") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event"  ("actor_id") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_entity" ON "audit_event"  ("entity", "entity_id") `);
        await queryRunner.query(`CREATE TABLE "audit_chain_head" ("id" smallint NOT NULL, "last_event_id" bigint, "last_hash" character(64) NOT NULL, CONSTRAINT "ck_audit_chain_head_single_row" CHECK (id = 1), CONSTRAINT "PK_9211408bf584034de409b1bbec5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "audit_verification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job_id" text, "trigger" text NOT NULL, "status" text NOT NULL, "requested_by" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "valid" boolean, "checked" integer, "first_broken_id" bigint, "error" text, CONSTRAINT "UQ_109b8132f05a8d651a7aee72996" UNIQUE ("job_id"), CONSTRAINT "ck_audit_verification_status" CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED')), CONSTRAINT "ck_audit_verification_trigger" CHECK (trigger IN ('SCHEDULED', 'MANUAL')), CONSTRAINT "PK_d17f5b225f8a5a7cf37d803198a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "app_user" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "roles" text array NOT NULL, "organisation_id" uuid, "deactivated_at" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_app_user_email_lower" CHECK (email = lower(email)), CONSTRAINT "ck_app_user_provider_org" CHECK (NOT ('PROVIDER' = ANY(roles)) OR organisation_id IS NOT NULL), CONSTRAINT "ck_app_user_roles" CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ADMIN','STAFF','APPROVER','PROVIDER','AUDITOR']::text[]), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_app_user_organisation" ON "app_user"  ("organisation_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_app_user_email" ON "app_user"  ("email") `);
        await queryRunner.query(`CREATE TABLE "auth_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4c7fca5065c568fa2bae24a1d26" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE TABLE "revoked_token" ("jti" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_51805a32c382d2841b953c16880" PRIMARY KEY ("jti"))`);
        await queryRunner.query(`CREATE INDEX "ix_revoked_token_expires" ON "revoked_token"  ("expires_at") `);
        await queryRunner.query(`CREATE TABLE "organisation" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text, "kind" text NOT NULL, "name" text NOT NULL, "legal_form" text, "street" text, "postal_code" text, "city" text, "contact_name" text, "contact_email" text, "contact_phone" text, "non_profit" boolean NOT NULL DEFAULT false, "non_profit_notice_date" date, "vat_deductible" boolean NOT NULL DEFAULT false, "iban" text, "bic" text, "account_holder" text, "bank_account_status" text NOT NULL DEFAULT 'MISSING', "bank_account_changed_at" TIMESTAMP WITH TIME ZONE, "bank_account_changed_by" uuid, "bank_account_confirmed_at" TIMESTAMP WITH TIME ZONE, "bank_account_confirmed_by" uuid, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "ck_organisation_bank_complete" CHECK ((bank_account_status = 'MISSING') = (iban IS NULL)), CONSTRAINT "ck_organisation_bank_status" CHECK (bank_account_status IN ('MISSING', 'PENDING_CONFIRMATION', 'CONFIRMED')), CONSTRAINT "ck_organisation_kind" CHECK (kind IN ('STATE', 'DISTRICT', 'PROVIDER')), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_organisation_kind_name" ON "organisation"  ("kind", "name") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_organisation_code" ON "organisation"  ("code") WHERE code IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "field_of_action" ("code" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL, "sort_order" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_5ee840e294766c448685bdf1104" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "social_area" ("code" text NOT NULL, "name" text NOT NULL, "municipalities" text array NOT NULL, "sort_order" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_608253a44fa952724103d5ffb55" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "cost_category" ("code" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL, "sort_order" integer NOT NULL, CONSTRAINT "PK_8e779b88c016fb271717547f855" PRIMARY KEY ("code"))`);
        // Append-only: no UPDATE, DELETE or TRUNCATE on the audit log, whoever asks.
        await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
        await queryRunner.query(`INSERT INTO "audit_chain_head" ("id", "last_event_id", "last_hash") VALUES (1, NULL, repeat('0', 64))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "cost_category"`);
        await queryRunner.query(`DROP TABLE "social_area"`);
        await queryRunner.query(`DROP TABLE "field_of_action"`);
        await queryRunner.query(`DROP INDEX "public"."ux_organisation_code"`);
        await queryRunner.query(`DROP INDEX "public"."ix_organisation_kind_name"`);
        await queryRunner.query(`DROP TABLE "organisation"`);
        await queryRunner.query(`DROP INDEX "public"."ix_revoked_token_expires"`);
        await queryRunner.query(`DROP TABLE "revoked_token"`);
        await queryRunner.query(`DROP TABLE "auth_throttle"`);
        await queryRunner.query(`DROP INDEX "public"."ux_app_user_email"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_user_organisation"`);
        await queryRunner.query(`DROP TABLE "app_user"`);
        await queryRunner.query(`DROP TABLE "audit_verification"`);
        await queryRunner.query(`DROP TABLE "audit_chain_head"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_event_entity"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_event_actor"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_event_occurred_at"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
        await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    }

}
