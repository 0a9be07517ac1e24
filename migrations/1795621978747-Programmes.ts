import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Programmes (Richtlinie) with their eligible Kostenarten, dated programme parameters, the
 * Basiszinssatz table, and the bookkeeping that lets the reference seed insert each dated seed
 * row only once. Generated from the entities of libs/programmes.
 */
export class Programmes1795621978747 implements MigrationInterface {
    name = 'Programmes1795621978747'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "programme" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "title" text NOT NULL, "short_title" text NOT NULL, "publication" text NOT NULL, "legal_basis" text NOT NULL, "ministry_code" text NOT NULL, "ministry_name" text NOT NULL, "granting_authority_code" text NOT NULL, "granting_authority_name" text NOT NULL, "state_financing_type" text NOT NULL, "eligible_financing_types" text array NOT NULL, "valid_from" date NOT NULL, CONSTRAINT "ck_programme_financing_types" CHECK (cardinality(eligible_financing_types) > 0 AND eligible_financing_types <@ ARRAY['SHARE','DEFICIT','FULL','FIXED']::text[]), CONSTRAINT "ck_programme_state_financing_type" CHECK (state_financing_type IN ('SHARE', 'DEFICIT', 'FULL', 'FIXED')), CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_programme_code" ON "programme"  ("code") `);
        await queryRunner.query(`CREATE TABLE "programme_cost_category" ("programme_id" uuid NOT NULL, "cost_category_code" text NOT NULL, CONSTRAINT "PK_4118ec2d90c785150507a6bcbde" PRIMARY KEY ("programme_id", "cost_category_code"))`);
        await queryRunner.query(`CREATE INDEX "ix_programme_cost_category_category" ON "programme_cost_category"  ("cost_category_code") `);
        await queryRunner.query(`CREATE TABLE "programme_parameter_definition" ("code" text NOT NULL, "unit" text NOT NULL, "description" text NOT NULL, "sort_order" integer NOT NULL, CONSTRAINT "PK_69c0f1bfeb8afad5fb57b32b66c" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "programme_parameter" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "code" text NOT NULL, "value" text NOT NULL, "valid_from" date NOT NULL, CONSTRAINT "PK_80d39307f1549101711c8b5fdd3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_programme_parameter_programme_code_valid_from" ON "programme_parameter"  ("programme_id", "code", "valid_from") `);
        await queryRunner.query(`CREATE TABLE "base_rate" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "valid_from" date NOT NULL, "rate_percent" numeric(9,6) NOT NULL, CONSTRAINT "ck_base_rate_half_year" CHECK (EXTRACT(DAY FROM valid_from) = 1 AND EXTRACT(MONTH FROM valid_from) IN (1, 7)), CONSTRAINT "PK_c8511973887cce5a177c5b3fc97" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_base_rate_valid_from" ON "base_rate"  ("valid_from") `);
        await queryRunner.query(`CREATE TABLE "reference_seed_row" ("dataset" text NOT NULL, "key" text NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8f22a0219bda5a31c64ec59905" PRIMARY KEY ("dataset", "key"))`);
        await queryRunner.query(`ALTER TABLE "programme_cost_category" ADD CONSTRAINT "fk_programme_cost_category_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_cost_category" ADD CONSTRAINT "fk_programme_cost_category_category" FOREIGN KEY ("cost_category_code") REFERENCES "cost_category"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_parameter" ADD CONSTRAINT "fk_programme_parameter_programme" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_parameter" ADD CONSTRAINT "fk_programme_parameter_definition" FOREIGN KEY ("code") REFERENCES "programme_parameter_definition"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "programme_parameter" DROP CONSTRAINT "fk_programme_parameter_definition"`);
        await queryRunner.query(`ALTER TABLE "programme_parameter" DROP CONSTRAINT "fk_programme_parameter_programme"`);
        await queryRunner.query(`ALTER TABLE "programme_cost_category" DROP CONSTRAINT "fk_programme_cost_category_category"`);
        await queryRunner.query(`ALTER TABLE "programme_cost_category" DROP CONSTRAINT "fk_programme_cost_category_programme"`);
        await queryRunner.query(`DROP TABLE "reference_seed_row"`);
        await queryRunner.query(`DROP INDEX "public"."ux_base_rate_valid_from"`);
        await queryRunner.query(`DROP TABLE "base_rate"`);
        await queryRunner.query(`DROP INDEX "public"."ux_programme_parameter_programme_code_valid_from"`);
        await queryRunner.query(`DROP TABLE "programme_parameter"`);
        await queryRunner.query(`DROP TABLE "programme_parameter_definition"`);
        await queryRunner.query(`DROP INDEX "public"."ix_programme_cost_category_category"`);
        await queryRunner.query(`DROP TABLE "programme_cost_category"`);
        await queryRunner.query(`DROP INDEX "public"."ux_programme_code"`);
        await queryRunner.query(`DROP TABLE "programme"`);
    }

}
