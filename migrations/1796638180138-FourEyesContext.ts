import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Four eyes with context (issue 16): the Prüfung a first proposal rests on is frozen into its
 * decision version, a Mittelabruf keeps the checker's "sachlich richtig" checklist, a Festsetzung
 * its proposer's Votum. All nullable: what was proposed or checked before had none.
 */
export class FourEyesContext1796638180138 implements MigrationInterface {
    name = 'FourEyesContext1796638180138'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "decision_version" ADD "review" jsonb`);
        await queryRunner.query(`ALTER TABLE "payment_request" ADD "check_checklist" jsonb`);
        await queryRunner.query(`ALTER TABLE "settlement" ADD "votum_reasons" text`);
        // A first proposal still waiting for approval gets the Antrag's Prüfung as it stands (it
        // cannot have changed since: the Antrag is locked while a decision is proposed), so the
        // approver of an existing installation sees the Votum too. Approved versions stay as they are.
        await queryRunner.query(`UPDATE "decision_version" v
            SET "review" = jsonb_build_object('checklist', coalesce(a."review" -> 'checklist', '[]'::jsonb), 'votum', a."review" -> 'votum', 'reviewedBy', a."review" -> 'reviewedBy')
            FROM "decision" d JOIN "application" a ON a."id" = d."application_id"
            WHERE d."id" = v."decision_id" AND v."status" = 'PROPOSED' AND v."kind" = 'ORIGINAL' AND a."review" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "settlement" DROP COLUMN "votum_reasons"`);
        await queryRunner.query(`ALTER TABLE "payment_request" DROP COLUMN "check_checklist"`);
        await queryRunner.query(`ALTER TABLE "decision_version" DROP COLUMN "review"`);
    }

}
