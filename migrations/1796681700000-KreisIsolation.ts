import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Kreis isolation (issue 20):
 * - `district_provider`: the Träger registered in a Kreis, so Kreis staff see only "their" Träger.
 *   Backfill: every existing Träger into every existing Kreis (today's installs have one Kreis).
 * - `export_job.district_id`: the requester's Kreis; the worker reads its rows under that Kreis's RLS.
 * - staff and auditor accounts without organisation join the one Kreis of a one-Kreis install.
 * - `audit_event.district_id`: which Kreis may read an event (not hashed: the chain is unchanged).
 *   Backfill for a one-Kreis install: every earlier event belongs to that Kreis. The append-only
 *   trigger is switched off for that one UPDATE only, inside this migration's transaction.
 */
export class KreisIsolation1796681700000 implements MigrationInterface {
    name = 'KreisIsolation1796681700000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "district_provider" ("district_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6d58b32eeb6f1c39a73954593fc" PRIMARY KEY ("district_id", "provider_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_district_provider_provider" ON "district_provider"  ("provider_id") `);
        await queryRunner.query(`ALTER TABLE "audit_event" ADD "district_id" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_district" ON "audit_event"  ("district_id") `);
        await queryRunner.query(`ALTER TABLE "export_job" ADD "district_id" uuid`);
        await queryRunner.query(`INSERT INTO "district_provider" (district_id, provider_id)
            SELECT d.id, p.id FROM organisation d CROSS JOIN organisation p
            WHERE d.kind = 'DISTRICT' AND p.kind = 'PROVIDER' ON CONFLICT DO NOTHING`);
        // Staff and auditor accounts without organisation would be scoped to no Kreis (read all of them):
        // in a one-Kreis install they are that Kreis's.
        await queryRunner.query(`UPDATE "app_user" SET organisation_id = (SELECT id FROM organisation WHERE kind = 'DISTRICT')
            WHERE organisation_id IS NULL AND NOT ('PROVIDER' = ANY(roles)) AND (SELECT count(*) FROM organisation WHERE kind = 'DISTRICT') = 1`);
        await queryRunner.query(`UPDATE "export_job" SET district_id = (SELECT id FROM organisation WHERE kind = 'DISTRICT')
            WHERE organisation_id IS NULL AND (SELECT count(*) FROM organisation WHERE kind = 'DISTRICT') = 1`);
        await queryRunner.query(`ALTER TABLE "audit_event" DISABLE TRIGGER audit_event_no_update_delete`);
        await queryRunner.query(`UPDATE "audit_event" SET district_id = (SELECT id FROM organisation WHERE kind = 'DISTRICT')
            WHERE (SELECT count(*) FROM organisation WHERE kind = 'DISTRICT') = 1`);
        await queryRunner.query(`ALTER TABLE "audit_event" ENABLE TRIGGER audit_event_no_update_delete`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "export_job" DROP COLUMN "district_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_event_district"`);
        await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "district_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_district_provider_provider"`);
        await queryRunner.query(`DROP TABLE "district_provider"`);
    }

}
