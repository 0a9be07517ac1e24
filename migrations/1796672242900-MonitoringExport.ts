import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The MONITORING export (issue 19): the export job table names its types in a CHECK, so the new
 * type needs the constraint widened (TypeORM does not diff CHECK expressions; written by hand).
 */
export class MonitoringExport1796672242900 implements MigrationInterface {
    name = 'MonitoringExport1796672242900'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "export_job" DROP CONSTRAINT "ck_export_job_type"`);
        await queryRunner.query(`ALTER TABLE "export_job" ADD CONSTRAINT "ck_export_job_type" CHECK (type IN ('APPROVALS','PAYMENTS','PLAN_ACTUAL','RECEIPTS','PROOF_REVIEW','RECOVERIES','BUDGET','STATE_PROOF','AUDIT_LOG','MONITORING'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "export_job" DROP CONSTRAINT "ck_export_job_type"`);
        await queryRunner.query(`ALTER TABLE "export_job" ADD CONSTRAINT "ck_export_job_type" CHECK (type IN ('APPROVALS','PAYMENTS','PLAN_ACTUAL','RECEIPTS','PROOF_REVIEW','RECOVERIES','BUDGET','STATE_PROOF','AUDIT_LOG'))`);
    }
}
