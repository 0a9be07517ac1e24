import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The second factor (issue 18 item 9): a TOTP secret per user, kept encrypted, and one-time
 * recovery codes kept as argon2id hashes.
 */
export class UserMfa1796659211541 implements MigrationInterface {
    name = 'UserMfa1796659211541'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "user_mfa" ("user_id" uuid NOT NULL, "secret_ciphertext" text NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_time_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3db12d521d7b1f7d17c71e465a" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "mfa_recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cdbbb187d9498f3aee029649fbf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_mfa_recovery_code_user" ON "mfa_recovery_code"  ("user_id") `);
        await queryRunner.query(`ALTER TABLE "user_mfa" ADD CONSTRAINT "FK_a3db12d521d7b1f7d17c71e465a" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mfa_recovery_code" ADD CONSTRAINT "FK_cb8070e714a552e9c6b6271ff98" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mfa_recovery_code" DROP CONSTRAINT "FK_cb8070e714a552e9c6b6271ff98"`);
        await queryRunner.query(`ALTER TABLE "user_mfa" DROP CONSTRAINT "FK_a3db12d521d7b1f7d17c71e465a"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mfa_recovery_code_user"`);
        await queryRunner.query(`DROP TABLE "mfa_recovery_code"`);
        await queryRunner.query(`DROP TABLE "user_mfa"`);
    }

}
