import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The Kreis of a Beleg, set on insert by a trigger written for `receipt` alone (issue 20). The
 * generic `ff_assign_district` turns every row into jsonb and runs a dynamic SELECT for its parent,
 * which on the bulk table of the Belegliste import costs several times the insert itself. This one
 * reads the parent with a plain (plan-cached) SELECT. Same rules, same errors:
 * - the Beleg takes its VN's Kreis (`district_id` left out);
 * - an explicit different Kreis is refused (23514 "differs from its parent's");
 * - a VN the transaction cannot see (another Kreis's, under row-level security) is refused
 *   (42501 "is not visible").
 * A row without `proof_id` is left to the NOT NULL constraint, as before.
 */
export class ReceiptDistrictTrigger1796681900100 implements MigrationInterface {
    name = 'ReceiptDistrictTrigger1796681900100'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION ff_assign_district_receipt() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  parent_district uuid;
BEGIN
  IF NEW.proof_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT district_id INTO parent_district FROM proof_of_use WHERE id = NEW.proof_id;
  -- A parent the transaction cannot see (another Kreis's, under row-level security) is no parent to file under.
  IF parent_district IS NULL THEN
    RAISE EXCEPTION 'parent % of % is not visible', NEW.proof_id, TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  IF NEW.district_id IS NULL THEN
    NEW.district_id := parent_district;
  ELSIF NEW.district_id <> parent_district THEN
    RAISE EXCEPTION 'district_id % of % differs from its parent''s %', NEW.district_id, TG_TABLE_NAME, parent_district USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$fn$`);
        await queryRunner.query(`DROP TRIGGER ff_assign_district ON "receipt"`);
        await queryRunner.query(`CREATE TRIGGER ff_assign_district BEFORE INSERT ON "receipt" FOR EACH ROW EXECUTE FUNCTION ff_assign_district_receipt()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER ff_assign_district ON "receipt"`);
        await queryRunner.query(`CREATE TRIGGER ff_assign_district BEFORE INSERT ON "receipt" FOR EACH ROW EXECUTE FUNCTION ff_assign_district('proof_of_use', 'proof_id')`);
        await queryRunner.query(`DROP FUNCTION ff_assign_district_receipt()`);
    }

}
