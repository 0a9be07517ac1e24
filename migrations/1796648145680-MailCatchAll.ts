import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The local catch-all of mails (issue 17 item 6): outside production without SMTP_HOST the worker
 * delivers here instead of by SMTP, and ADMIN reads the mails in the web.
 */
export class MailCatchAll1796648145680 implements MigrationInterface {
    name = 'MailCatchAll1796648145680'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "mail_catchall" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "outbox_id" uuid NOT NULL, "sender" text NOT NULL, "recipient" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "message_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2fd5d99ecf516e11ad5164512d6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_mail_catchall_outbox" ON "mail_catchall"  ("outbox_id") `);
        await queryRunner.query(`CREATE INDEX "ix_mail_catchall_created" ON "mail_catchall"  ("created_at") `);
        await queryRunner.query(`ALTER TABLE "mail_catchall" ADD CONSTRAINT "FK_0c9afc417c5884c441783a8369b" FOREIGN KEY ("outbox_id") REFERENCES "mail_outbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mail_catchall" DROP CONSTRAINT "FK_0c9afc417c5884c441783a8369b"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mail_catchall_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mail_catchall_outbox"`);
        await queryRunner.query(`DROP TABLE "mail_catchall"`);
    }

}
