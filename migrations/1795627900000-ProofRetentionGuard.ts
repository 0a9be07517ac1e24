import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aufbewahrung (DOMAIN §2 step 9) for the Verwendungsnachweis itself, not only its Belege: a
 * submitted proof stays until its retention date, whoever deletes (api, script or psql).
 */
export class ProofRetentionGuard1795627900000 implements MigrationInterface {
  name = 'ProofRetentionGuard1795627900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION proof_retention_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.retain_until IS NOT NULL AND OLD.retain_until >= CURRENT_DATE THEN
                    RAISE EXCEPTION 'proof of use % must be kept until % (retention)', OLD.id, OLD.retain_until USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN OLD;
            END $$`);
    await queryRunner.query(`CREATE TRIGGER proof_retention_guard BEFORE DELETE ON "proof_of_use" FOR EACH ROW EXECUTE FUNCTION proof_retention_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER proof_retention_guard ON "proof_of_use"`);
    await queryRunner.query(`DROP FUNCTION proof_retention_guard()`);
  }
}
