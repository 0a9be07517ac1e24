import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The Land's side of a Land-wide install (issue 20, libs/land): the Zuweisungsbescheid of the Land to
 * each Kreis (`state_grant`, lifecycle level STATE, linked to the Kreis's budget year), the annual money
 * and Verteilungsschlüssel as append-only versions (`state_distribution_version`), the Land's Prüfung and
 * Festsetzung of a Kreis's Verwendungsnachweis (`state_proof_review`), and the day the Land paid a
 * Kreis's drawdown (`state_drawdown.state_paid_on/_by`). These tables are the Land's own, so they carry
 * no ff_assign_district trigger and no row-level security; the repositories filter by Kreis.
 */
export class LandView1796681710000 implements MigrationInterface {
    name = 'LandView1796681710000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "state_grant" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "district_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "year" integer NOT NULL, "reference" text NOT NULL, "status" text NOT NULL, "amount" numeric(15,2) NOT NULL, "state_rate_percent" numeric(9,6) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "proof_due" date NOT NULL, "note" text, "created_by" uuid, "proposed_by" uuid, "proposed_at" TIMESTAMP WITH TIME ZONE, "issued_by" uuid, "issued_at" TIMESTAMP WITH TIME ZONE, "issued_on" date, "budget_year_id" uuid, CONSTRAINT "ck_state_grant_rate" CHECK (state_rate_percent >= 0 AND state_rate_percent <= 100), CONSTRAINT "ck_state_grant_period" CHECK (period_start <= period_end), CONSTRAINT "ck_state_grant_amount" CHECK (amount >= 0), CONSTRAINT "ck_state_grant_status" CHECK (status IN ('DRAFT', 'PROPOSED', 'ISSUED')), CONSTRAINT "PK_2d947f24f3d9d8aa18c3f3e7ce5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4c19e72ced5f7a510bb8c82e8a" ON "state_grant"  ("district_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_e7b7abac7cd780b41ac34e0b09" ON "state_grant"  ("year") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_state_grant_district_year" ON "state_grant"  ("district_id", "programme_id", "year") `);
        await queryRunner.query(`CREATE TABLE "state_distribution_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "year" integer NOT NULL, "version" integer NOT NULL, "annual_amount" numeric(15,2) NOT NULL, "weights" jsonb NOT NULL, "reason" text NOT NULL, "changed_by" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_458bc8a8c4b0374bc3142d090c5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_state_distribution_version" ON "state_distribution_version"  ("programme_id", "year", "version") `);
        await queryRunner.query(`CREATE TABLE "state_proof_review" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "state_proof_id" uuid NOT NULL, "district_id" uuid NOT NULL, "budget_year_id" uuid NOT NULL, "status" text NOT NULL, "recognised_costs" numeric(15,2) NOT NULL, "state_max_amount" numeric(15,2) NOT NULL, "state_rate_percent" numeric(9,6) NOT NULL, "paid_by_state" numeric(15,2) NOT NULL, "final_state_grant" numeric(15,2), "refund_amount" numeric(15,2), "note" text, "started_by" uuid, "proposed_by" uuid, "proposed_at" TIMESTAMP WITH TIME ZONE, "settled_by" uuid, "settled_on" date, "refund_received_on" date, "refund_received_amount" numeric(15,2), CONSTRAINT "ck_state_proof_review_status" CHECK (status IN ('IN_REVIEW', 'PROPOSED', 'SETTLED', 'CLOSED')), CONSTRAINT "PK_d9b43e679bcac4c7e3f45d55717" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_aa895add70ac8350a6fdfb41e2" ON "state_proof_review"  ("district_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_096d49a5d3650c2f00c77f3d68" ON "state_proof_review"  ("budget_year_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_state_proof_review_proof" ON "state_proof_review"  ("state_proof_id") `);
        await queryRunner.query(`ALTER TABLE "state_drawdown" ADD "state_paid_on" date`);
        await queryRunner.query(`ALTER TABLE "state_drawdown" ADD "state_paid_by" uuid`);
        await queryRunner.query(`ALTER TABLE "state_grant" ADD CONSTRAINT "FK_4c19e72ced5f7a510bb8c82e8aa" FOREIGN KEY ("district_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "state_grant" ADD CONSTRAINT "FK_0986d47a5aaf00dda0d646b0d9d" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "state_grant" ADD CONSTRAINT "FK_883820f79c2b8de00f7eef74964" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "state_distribution_version" ADD CONSTRAINT "FK_a9a48f67b81ccaeb252c05b25bd" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "state_proof_review" ADD CONSTRAINT "FK_010c2b64b73b2fd3a0703b696d7" FOREIGN KEY ("state_proof_id") REFERENCES "state_proof"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "state_proof_review" ADD CONSTRAINT "FK_096d49a5d3650c2f00c77f3d68f" FOREIGN KEY ("budget_year_id") REFERENCES "budget_year"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "state_proof_review" DROP CONSTRAINT "FK_096d49a5d3650c2f00c77f3d68f"`);
        await queryRunner.query(`ALTER TABLE "state_proof_review" DROP CONSTRAINT "FK_010c2b64b73b2fd3a0703b696d7"`);
        await queryRunner.query(`ALTER TABLE "state_distribution_version" DROP CONSTRAINT "FK_a9a48f67b81ccaeb252c05b25bd"`);
        await queryRunner.query(`ALTER TABLE "state_grant" DROP CONSTRAINT "FK_883820f79c2b8de00f7eef74964"`);
        await queryRunner.query(`ALTER TABLE "state_grant" DROP CONSTRAINT "FK_0986d47a5aaf00dda0d646b0d9d"`);
        await queryRunner.query(`ALTER TABLE "state_grant" DROP CONSTRAINT "FK_4c19e72ced5f7a510bb8c82e8aa"`);
        await queryRunner.query(`ALTER TABLE "state_drawdown" DROP COLUMN "state_paid_by"`);
        await queryRunner.query(`ALTER TABLE "state_drawdown" DROP COLUMN "state_paid_on"`);
        await queryRunner.query(`DROP INDEX "public"."ux_state_proof_review_proof"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_096d49a5d3650c2f00c77f3d68"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_aa895add70ac8350a6fdfb41e2"`);
        await queryRunner.query(`DROP TABLE "state_proof_review"`);
        await queryRunner.query(`DROP INDEX "public"."ux_state_distribution_version"`);
        await queryRunner.query(`DROP TABLE "state_distribution_version"`);
        await queryRunner.query(`DROP INDEX "public"."ux_state_grant_district_year"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e7b7abac7cd780b41ac34e0b09"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4c19e72ced5f7a510bb8c82e8a"`);
        await queryRunner.query(`DROP TABLE "state_grant"`);
    }

}
