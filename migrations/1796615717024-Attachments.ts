import { MigrationInterface, QueryRunner } from "typeorm";

export class Attachments1796615717024 implements MigrationInterface {
    name = 'Attachments1796615717024'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "attachment" ("id" uuid NOT NULL, "owner_type" text NOT NULL, "owner_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "storage_key" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "uploaded_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE, "retain_until" date, CONSTRAINT "ck_attachment_size" CHECK (size_bytes > 0), CONSTRAINT "ck_attachment_owner_type" CHECK (owner_type IN ('APPLICATION', 'PROOF_OF_USE')), CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_attachment_organisation" ON "attachment"  ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "ix_attachment_owner" ON "attachment"  ("owner_type", "owner_id", "uploaded_at") `);
        await queryRunner.query(`ALTER TABLE "funding_call" ADD "required_attachments" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "FK_e2a468a9251e4c83adf90d72e0d" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "FK_a43176f45a7941d1cd50109f07f" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Anlagen keep the retention of their record (as ProofRetentionGuard): whoever deletes.
        await queryRunner.query(`CREATE FUNCTION attachment_retention_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.retain_until IS NOT NULL AND OLD.retain_until >= CURRENT_DATE THEN
                    RAISE EXCEPTION 'attachment % must be kept until % (retention)', OLD.id, OLD.retain_until USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN OLD;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER attachment_retention_guard BEFORE DELETE ON "attachment" FOR EACH ROW EXECUTE FUNCTION attachment_retention_guard()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER attachment_retention_guard ON "attachment"`);
        await queryRunner.query(`DROP FUNCTION attachment_retention_guard()`);
        await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "FK_a43176f45a7941d1cd50109f07f"`);
        await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "FK_e2a468a9251e4c83adf90d72e0d"`);
        await queryRunner.query(`ALTER TABLE "funding_call" DROP COLUMN "required_attachments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachment_owner"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachment_organisation"`);
        await queryRunner.query(`DROP TABLE "attachment"`);
    }

}
