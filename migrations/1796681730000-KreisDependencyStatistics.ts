import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 20, found by `npm run bench:land`: in a Land database (22 Kreise, 5 million Belege) the
 * Belege list of one VN took 1.95× as long as in a one-Kreis database of the same per-Kreis size.
 * The list filters `proof_id = $1` and (repository and row-level security) `district_id = $2`.
 * PostgreSQL takes the two conditions as independent and estimates 1/22 of the VN's Belege, so it
 * ANDs the (proof_id, position) index with the district_id index (reading every index entry of the
 * Kreis, 227.000) instead of walking the VN's Belege in order and stopping after the page (1,5 ms
 * of index instead of 50 ms). But the Kreis follows from the VN (ff_assign_district): functional
 * dependency statistics tell the planner so. The same holds for the ledger (budget_year_id decides
 * the Kreis) and its lists per budget year. Statistics only, no index: nothing to keep in step on
 * write; ANALYZE fills them now, autovacuum keeps them current. TypeORM does not model
 * statistics objects, so this is written by hand.
 */
export class KreisDependencyStatistics1796681730000 implements MigrationInterface {
    name = 'KreisDependencyStatistics1796681730000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE STATISTICS "st_receipt_proof_district" (dependencies) ON "proof_id", "district_id" FROM "receipt"`);
        await queryRunner.query(`CREATE STATISTICS "st_ledger_year_district" (dependencies) ON "budget_year_id", "district_id" FROM "budget_ledger_entry"`);
        await queryRunner.query(`ANALYZE "receipt"`);
        await queryRunner.query(`ANALYZE "budget_ledger_entry"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP STATISTICS "st_ledger_year_district"`);
        await queryRunner.query(`DROP STATISTICS "st_receipt_proof_district"`);
    }
}
