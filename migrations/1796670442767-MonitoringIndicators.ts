import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Kennzahlen as data (issue 19 item 1): definitions per Handlungsfeld, their append-only version
 * history (a Sachbericht keeps the meaning it was written under) and the yearly targets (Soll).
 */
export class MonitoringIndicators1796670442767 implements MigrationInterface {
    name = 'MonitoringIndicators1796670442767'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "indicator_definition" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "field_of_action_code" text NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "unit" text NOT NULL, "aggregation" text NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "ck_indicator_definition_code" CHECK (code ~ '^[A-Z][A-Z0-9_]{1,59}$'), CONSTRAINT "ck_indicator_definition_aggregation" CHECK (aggregation IN ('SUM', 'AVERAGE')), CONSTRAINT "PK_a467fd2afc52fc67d0f25d5cbb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_indicator_definition_code" ON "indicator_definition"  ("field_of_action_code", "code") `);
        await queryRunner.query(`CREATE TABLE "indicator_definition_version" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "definition_id" uuid NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "unit" text NOT NULL, "aggregation" text NOT NULL, "active" boolean NOT NULL, "changed_by" uuid, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_indicator_definition_version_aggregation" CHECK (aggregation IN ('SUM', 'AVERAGE')), CONSTRAINT "PK_3a5e7191467f19dbebcfb45000a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_indicator_definition_version" ON "indicator_definition_version"  ("definition_id", "version") `);
        await queryRunner.query(`CREATE TABLE "indicator_target" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "definition_id" uuid NOT NULL, "year" integer NOT NULL, "target" numeric(15,2) NOT NULL, CONSTRAINT "ck_indicator_target_year" CHECK (year BETWEEN 2000 AND 2100), CONSTRAINT "ck_indicator_target_value" CHECK (target >= 0), CONSTRAINT "PK_9b6a07f7470f3a0f56e73b7a282" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_indicator_target" ON "indicator_target"  ("definition_id", "year") `);
        await queryRunner.query(`ALTER TABLE "indicator_definition" ADD CONSTRAINT "FK_91d12853b535bb19a53e4b3557f" FOREIGN KEY ("field_of_action_code") REFERENCES "field_of_action"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator_definition_version" ADD CONSTRAINT "FK_ce712f09f312db98b7e2da6f779" FOREIGN KEY ("definition_id") REFERENCES "indicator_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "indicator_target" ADD CONSTRAINT "FK_42ac7bce379d8e041ff6463692a" FOREIGN KEY ("definition_id") REFERENCES "indicator_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "indicator_target" DROP CONSTRAINT "FK_42ac7bce379d8e041ff6463692a"`);
        await queryRunner.query(`ALTER TABLE "indicator_definition_version" DROP CONSTRAINT "FK_ce712f09f312db98b7e2da6f779"`);
        await queryRunner.query(`ALTER TABLE "indicator_definition" DROP CONSTRAINT "FK_91d12853b535bb19a53e4b3557f"`);
        await queryRunner.query(`DROP INDEX "public"."ux_indicator_target"`);
        await queryRunner.query(`DROP TABLE "indicator_target"`);
        await queryRunner.query(`DROP INDEX "public"."ux_indicator_definition_version"`);
        await queryRunner.query(`DROP TABLE "indicator_definition_version"`);
        await queryRunner.query(`DROP INDEX "public"."ux_indicator_definition_code"`);
        await queryRunner.query(`DROP TABLE "indicator_definition"`);
    }

}
