import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The Kreistag's Jahresbericht (issue 19 item 4) is an export of its own type, ANNUAL_REPORT, and
 * the first one written as PDF. TypeORM does not see changed CHECK constraints, so this is written
 * by hand: the two checks of export_job admit the new type and format (the entity says the same).
 *
 * The type list also names MONITORING, which branch monitoring-api adds with
 * MonitoringExport1796672242900 (the same constraint): this migration is timed after that one and
 * writes the union, so merging both leaves every type admitted whichever lands first.
 */
export class AnnualReportExport1796672300000 implements MigrationInterface {
    name = 'AnnualReportExport1796672300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "export_job" DROP CONSTRAINT "ck_export_job_type"`);
        await queryRunner.query(`ALTER TABLE "export_job" ADD CONSTRAINT "ck_export_job_type" CHECK (type IN ('APPROVALS','PAYMENTS','PLAN_ACTUAL','RECEIPTS','PROOF_REVIEW','RECOVERIES','BUDGET','STATE_PROOF','AUDIT_LOG','MONITORING','ANNUAL_REPORT'))`);
        await queryRunner.query(`ALTER TABLE "export_job" DROP CONSTRAINT "ck_export_job_format"`);
        await queryRunner.query(`ALTER TABLE "export_job" ADD CONSTRAINT "ck_export_job_format" CHECK (format IN ('xlsx', 'csv', 'pdf'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "export_job" DROP CONSTRAINT "ck_export_job_format"`);
        await queryRunner.query(`ALTER TABLE "export_job" ADD CONSTRAINT "ck_export_job_format" CHECK (format IN ('xlsx', 'csv'))`);
        await queryRunner.query(`ALTER TABLE "export_job" DROP CONSTRAINT "ck_export_job_type"`);
        await queryRunner.query(`ALTER TABLE "export_job" ADD CONSTRAINT "ck_export_job_type" CHECK (type IN ('APPROVALS','PAYMENTS','PLAN_ACTUAL','RECEIPTS','PROOF_REVIEW','RECOVERIES','BUDGET','STATE_PROOF','AUDIT_LOG','MONITORING'))`);
    }
}
