import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The Belegliste of a VN for a Kreis user in a Land database (issue 20, bench:land "Belege of a
 * VN" 1.95× of the one-Kreis database). Row-level security on `receipt` makes the planner expect
 * about 1/22 of the VN's Belege (the policy's Kreis filter and the query's own `district_id =` are
 * counted as independent of `proof_id`), fewer than a page, so it read all of the VN's Belege and
 * sorted them. This index holds the query's equality columns and then exactly the list's order
 * (position, id): ReceiptRepository (pageByIndex) picks a page's ids by an index-only walk that
 * stops after the page, and reads only those rows. Policies and the trigger are unchanged.
 */
export class ReceiptPageIndex1796681900000 implements MigrationInterface {
    name = 'ReceiptPageIndex1796681900000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_receipt_page" ON "receipt"  ("district_id", "proof_id", "position", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_receipt_page"`);
    }

}
