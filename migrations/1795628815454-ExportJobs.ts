import { MigrationInterface, QueryRunner } from "typeorm";

export class ExportJobs1795628815454 implements MigrationInterface {
    name = 'ExportJobs1795628815454'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "export_job" ("id" uuid NOT NULL, "type" text NOT NULL, "format" text NOT NULL, "filters" jsonb NOT NULL, "organisation_id" uuid, "status" text NOT NULL, "progress" integer NOT NULL DEFAULT '0', "rows_total" integer, "rows_written" integer NOT NULL DEFAULT '0', "error" text, "attempts" integer NOT NULL DEFAULT '0', "job_id" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "file_name" text NOT NULL, "file_key" text, "file_size" bigint, "sha256" character(64), "file_deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_export_job_completed" CHECK ((status = 'COMPLETED') = (file_key IS NOT NULL AND sha256 IS NOT NULL)), CONSTRAINT "ck_export_job_progress" CHECK (progress >= 0 AND progress <= 100 AND rows_written >= 0), CONSTRAINT "ck_export_job_status" CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')), CONSTRAINT "ck_export_job_format" CHECK (format IN ('xlsx', 'csv')), CONSTRAINT "ck_export_job_type" CHECK (type IN ('APPROVALS','PAYMENTS','PLAN_ACTUAL','RECEIPTS','PROOF_REVIEW','RECOVERIES','BUDGET','STATE_PROOF','AUDIT_LOG')), CONSTRAINT "PK_2edcb6f1780d22e5a9f2f29f466" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_export_job_expiry" ON "export_job"  ("expires_at") WHERE file_key IS NOT NULL AND file_deleted_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_export_job_created" ON "export_job"  ("created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_export_job_creator" ON "export_job"  ("created_by", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_export_job_creator"`);
        await queryRunner.query(`DROP INDEX "public"."ix_export_job_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_export_job_expiry"`);
        await queryRunner.query(`DROP TABLE "export_job"`);
    }

}
