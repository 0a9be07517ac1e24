import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Programme parameters a Kreis may choose (issue 20): `programme_parameter_definition.district_choice`
 * marks what the Richtlinie leaves to each Kreis as Bewilligungsbehörde (Bagatellgrenze, Stichprobe,
 * Mahnfristen), and `district_programme_parameter` holds a Kreis's own dated values, which replace the
 * programme's for that Kreis's records. Existing installs get the flags here, not only from the seed,
 * so no Kreis value can be written for a parameter the Land sets alone.
 */
export class DistrictParameters1796681800000 implements MigrationInterface {
    name = 'DistrictParameters1796681800000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "district_programme_parameter" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "district_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "code" text NOT NULL, "value" text NOT NULL, "valid_from" date NOT NULL, "created_by" uuid, CONSTRAINT "PK_f369be99ea9b8f33370c2f5e5ff" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_district_programme_parameter_valid_from" ON "district_programme_parameter"  ("district_id", "programme_id", "code", "valid_from") `);
        await queryRunner.query(`ALTER TABLE "programme_parameter_definition" ADD "district_choice" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`UPDATE "programme_parameter_definition" SET "district_choice" = true WHERE "code" IN ('DE_MINIMIS_AMOUNT', 'SAMPLE_SHARE_PERCENT', 'DUNNING_FIRST_DAYS', 'DUNNING_SECOND_DAYS', 'DUNNING_PAYMENT_DAYS')`);
        await queryRunner.query(`ALTER TABLE "district_programme_parameter" ADD CONSTRAINT "fk_district_programme_parameter_district" FOREIGN KEY ("district_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "district_programme_parameter" ADD CONSTRAINT "fk_district_programme_parameter_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "district_programme_parameter" ADD CONSTRAINT "fk_district_programme_parameter_definition" FOREIGN KEY ("code") REFERENCES "programme_parameter_definition"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "district_programme_parameter" DROP CONSTRAINT "fk_district_programme_parameter_definition"`);
        await queryRunner.query(`ALTER TABLE "district_programme_parameter" DROP CONSTRAINT "fk_district_programme_parameter_programme"`);
        await queryRunner.query(`ALTER TABLE "district_programme_parameter" DROP CONSTRAINT "fk_district_programme_parameter_district"`);
        await queryRunner.query(`ALTER TABLE "programme_parameter_definition" DROP COLUMN "district_choice"`);
        await queryRunner.query(`DROP INDEX "public"."ux_district_programme_parameter_valid_from"`);
        await queryRunner.query(`DROP TABLE "district_programme_parameter"`);
    }

}
