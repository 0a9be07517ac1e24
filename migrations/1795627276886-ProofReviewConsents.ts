import { MigrationInterface, QueryRunner } from "typeorm";

export class ProofReviewConsents1795627276886 implements MigrationInterface {
    name = 'ProofReviewConsents1795627276886'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "proof_review" ADD "line_consents" jsonb NOT NULL DEFAULT '[]'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "proof_review" DROP COLUMN "line_consents"`);
    }

}
