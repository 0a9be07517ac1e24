import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Signed checkpoints of the audit chain (issue 18 item 6), append-only like the log: a trigger
 * refuses UPDATE, DELETE and TRUNCATE for everyone, and the application role holds INSERT and
 * SELECT only (APPEND_ONLY_TABLES, granted after the migrations).
 */
export class AuditCheckpoints1796659690020 implements MigrationInterface {
    name = 'AuditCheckpoints1796659690020'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_checkpoint" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "trigger" text NOT NULL, "job_id" text, "requested_by" uuid, "last_event_id" bigint, "head_hash" character(64) NOT NULL, "events" integer NOT NULL, "key_id" text NOT NULL, "algorithm" text NOT NULL, "signature" text NOT NULL, "file_key" text NOT NULL, CONSTRAINT "UQ_d125c4eaf1508822b369d500d6f" UNIQUE ("job_id"), CONSTRAINT "ck_audit_checkpoint_trigger" CHECK (trigger IN ('SCHEDULED', 'MANUAL')), CONSTRAINT "PK_9720e45bb755b61bb1ab7d43839" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_checkpoint is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON "audit_checkpoint" FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only()`);
        await queryRunner.query(`CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON "audit_checkpoint" FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
        await queryRunner.query(`DROP FUNCTION audit_checkpoint_append_only()`);
    }

}
