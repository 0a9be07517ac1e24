import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Per-Kreis settings (issue 20): Aktenzeichen prefix, letterhead and signature block, SEPA debtor
 * account, Haushaltsstellen and the usual Eigenanteil of each Kreis, one row per Kreis. Empty values
 * fall back to the configuration for the home Kreis, so a single-Kreis install behaves as before.
 * No row-level security: the table holds no business record, the service decides who reads it.
 */
export class DistrictSettings1796681740000 implements MigrationInterface {
    name = 'DistrictSettings1796681740000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "district_setting" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "district_id" uuid NOT NULL, "reference_prefix" text, "letterhead_name" text, "letterhead_department" text, "letterhead_district_name" text, "letterhead_authority_name" text, "letterhead_street" text, "letterhead_postal_code" text, "letterhead_city" text, "letterhead_phone" text, "letterhead_email" text, "letterhead_website" text, "letterhead_bank_name" text, "letterhead_office_hours" text array, "signature_place" text, "signature_represented_by" text, "debtor_name" text, "debtor_iban" text, "debtor_bic" text, "budget_lines" jsonb NOT NULL DEFAULT '[]', "district_share_default" numeric(5,4), "updated_by" uuid, CONSTRAINT "ck_district_setting_share_default" CHECK (district_share_default IS NULL OR (district_share_default >= 0 AND district_share_default <= 1)), CONSTRAINT "ck_district_setting_reference_prefix" CHECK (reference_prefix IS NULL OR reference_prefix ~ '^[A-Z]{2,5}$'), CONSTRAINT "PK_8347a11ecb4e00f6ef16aabe913" PRIMARY KEY ("district_id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_district_setting_reference_prefix" ON "district_setting"  ("reference_prefix") WHERE reference_prefix IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "district_setting" ADD CONSTRAINT "fk_district_setting_district" FOREIGN KEY ("district_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "district_setting" DROP CONSTRAINT "fk_district_setting_district"`);
        await queryRunner.query(`DROP INDEX "public"."ux_district_setting_reference_prefix"`);
        await queryRunner.query(`DROP TABLE "district_setting"`);
    }

}
