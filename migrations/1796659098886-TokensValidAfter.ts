import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 18 item 8: tokens issued before a user's deactivation, password change or role change stay
 * invalid, also after reactivation. One timestamp per user, read in the row every request already
 * reads (no further query). Existing rows keep what held before: tokens from before the last
 * password change are refused, and so are those from before a deactivation still in force.
 */
export class TokensValidAfter1796659098886 implements MigrationInterface {
    name = 'TokensValidAfter1796659098886'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "app_user" ADD "tokens_valid_after" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`UPDATE "app_user" SET "tokens_valid_after" = greatest(
            date_trunc('second', "password_changed_at"),
            CASE WHEN NOT "active" THEN date_trunc('second', "deactivated_at") + interval '1 second' END)
          WHERE "password_changed_at" IS NOT NULL OR (NOT "active" AND "deactivated_at" IS NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "tokens_valid_after"`);
    }

}
