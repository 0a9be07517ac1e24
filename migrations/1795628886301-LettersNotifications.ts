import { MigrationInterface, QueryRunner } from "typeorm";

export class LettersNotifications1795628886301 implements MigrationInterface {
    name = 'LettersNotifications1795628886301'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "generated_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "source_key" text NOT NULL, "decision_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "decision_version_id" uuid, "version_no" integer, "recovery_id" uuid, "proof_id" uuid, "status" text NOT NULL, "file_name" text NOT NULL, "storage_key" text, "sha256" text, "size_bytes" integer, "page_count" integer, "model" jsonb, "attempts" integer NOT NULL DEFAULT '0', "error" text, "job_id" text, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_generated_document_file" CHECK ((status = 'COMPLETED') = (storage_key IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL)), CONSTRAINT "ck_generated_document_status" CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED')), CONSTRAINT "ck_generated_document_kind" CHECK (kind IN ('GRANT_DECISION', 'FORWARDING_CONTRACT', 'AMENDMENT', 'REJECTION', 'RECOVERY', 'PROOF_REVIEW')), CONSTRAINT "PK_2e0eecfa4a027e77bdc425dac63" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_generated_document_status" ON "generated_document"  ("status") `);
        await queryRunner.query(`CREATE INDEX "ix_generated_document_decision" ON "generated_document"  ("decision_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_generated_document_source" ON "generated_document"  ("source_key") `);
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "stage" text NOT NULL, "entity" text NOT NULL, "entity_id" uuid NOT NULL, "reference" text NOT NULL, "due_date" date, "dedup_key" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "link" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notification_kind" CHECK (kind IN ('PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_notification_user" ON "notification"  ("user_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_notification_dedup" ON "notification"  ("dedup_key") `);
        await queryRunner.query(`CREATE TABLE "mail_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "recipient" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "message_id" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "smtp_response" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_mail_outbox_sent" CHECK ((status = 'SENT') = (sent_at IS NOT NULL)), CONSTRAINT "ck_mail_outbox_status" CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_mail_outbox_status" ON "mail_outbox"  ("status", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_mail_outbox_notification" ON "mail_outbox"  ("notification_id") `);
        await queryRunner.query(`ALTER TABLE "generated_document" ADD CONSTRAINT "FK_7dab1913b35b9104a9890fd8e0f" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_ccd4f75bc385ba831fb6ab8d7aa" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_ccd4f75bc385ba831fb6ab8d7aa"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8"`);
        await queryRunner.query(`ALTER TABLE "generated_document" DROP CONSTRAINT "FK_7dab1913b35b9104a9890fd8e0f"`);
        await queryRunner.query(`DROP INDEX "public"."ux_mail_outbox_notification"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_status"`);
        await queryRunner.query(`DROP TABLE "mail_outbox"`);
        await queryRunner.query(`DROP INDEX "public"."ux_notification_dedup"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_user"`);
        await queryRunner.query(`DROP TABLE "notification"`);
        await queryRunner.query(`DROP INDEX "public"."ux_generated_document_source"`);
        await queryRunner.query(`DROP INDEX "public"."ix_generated_document_decision"`);
        await queryRunner.query(`DROP INDEX "public"."ix_generated_document_status"`);
        await queryRunner.query(`DROP TABLE "generated_document"`);
    }

}
