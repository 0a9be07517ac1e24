import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * 360Giving open data (issue 19 item 5): whether a Kreis publishes its grants, under which
 * registered prefix and licence. One row per Kreis; no row (as after this migration) means off,
 * so nothing is published in production until an ADMIN switches it on.
 */
export class OpenDataSettings1796671298596 implements MigrationInterface {
    name = 'OpenDataSettings1796671298596'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "open_data_setting" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "district_id" uuid NOT NULL, "enabled" boolean NOT NULL DEFAULT false, "prefix" text, "funder_identifier" text, "licence" text NOT NULL DEFAULT 'CC_BY_4_0', "updated_by" uuid, CONSTRAINT "ck_open_data_setting_licence" CHECK (licence IN ('CC_BY_4_0', 'CC0_1_0', 'DL_DE_BY_2_0', 'DL_DE_ZERO_2_0')), CONSTRAINT "ck_open_data_setting_enabled_prefix" CHECK (NOT enabled OR prefix IS NOT NULL), CONSTRAINT "ck_open_data_setting_prefix" CHECK (prefix IS NULL OR prefix ~ '^360G-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$'), CONSTRAINT "PK_7a8b5d27a94ba3d8b5c33fcb730" PRIMARY KEY ("district_id"))`);
        await queryRunner.query(`ALTER TABLE "open_data_setting" ADD CONSTRAINT "FK_7a8b5d27a94ba3d8b5c33fcb730" FOREIGN KEY ("district_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "open_data_setting" DROP CONSTRAINT "FK_7a8b5d27a94ba3d8b5c33fcb730"`);
        await queryRunner.query(`DROP TABLE "open_data_setting"`);
    }

}
