import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Uploads (issue 18 item 4): the ledger of the per-user hourly upload limit, and the mark on an
 * import whose uploaded file the nightly cleanup deleted (the row stays).
 */
export class UploadsHardening1796659704106 implements MigrationInterface {
    name = 'UploadsHardening1796659704106'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "upload_usage" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "bytes" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_upload_usage_bytes" CHECK (bytes >= 0), CONSTRAINT "ck_upload_usage_kind" CHECK (kind IN ('IMPORT', 'ATTACHMENT')), CONSTRAINT "PK_29812be9a5ed98f6a832f922efc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_upload_usage_user" ON "upload_usage"  ("user_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "receipt_import" ADD "file_deleted_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "receipt_import" DROP COLUMN "file_deleted_at"`);
        await queryRunner.query(`DROP INDEX "public"."ix_upload_usage_user"`);
        await queryRunner.query(`DROP TABLE "upload_usage"`);
    }

}
