import { MigrationInterface, QueryRunner } from "typeorm";

const LEDGER_KINDS_BEFORE = `'ALLOCATION','COMMITMENT','COMMITMENT_CHANGE','RELEASE','DISBURSEMENT','RECOVERY_DUE','RECOVERY_RECEIVED','STATE_DRAWDOWN','STATE_REFUND'`;

/**
 * One truth for money (issue 16): "ausgezahlt" is a payout booked in an executed payment file, so
 * the ledger gets its own kind for it (DISBURSEMENT_PAID, posted when the file is booked) and the
 * balance row its own bucket (paid_state, paid_district); DISBURSEMENT stays the Freigabe
 * ("angewiesen"). The kind's CHECK is changed by hand (TypeORM does not compare CHECK expressions).
 *
 * Payouts already executed before this migration are booked now, once, with the value date of
 * their file and the request id of this migration: their payment files' booking is already in the
 * audit log (payment-file.book), so no second audit event is written.
 */
export class PaidPayouts1796638227662 implements MigrationInterface {
    name = 'PaidPayouts1796638227662'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "budget_year_balance" ADD "paid_state" numeric(15,2) NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "budget_year_balance" ADD "paid_district" numeric(15,2) NOT NULL DEFAULT '0'`);
        await queryRunner.query(`CREATE INDEX "ix_ledger_year_booking" ON "budget_ledger_entry"  ("budget_year_id", "booking_date", "id") `);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DROP CONSTRAINT "ck_ledger_kind"`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ADD CONSTRAINT "ck_ledger_kind" CHECK (kind IN (${LEDGER_KINDS_BEFORE},'DISBURSEMENT_PAID'))`);
        await queryRunner.query(`
            INSERT INTO budget_ledger_entry (budget_year_id, kind, amount, state_share, district_share, provider_id, field_of_action_code, social_area_code,
                                             reference_type, reference_id, note, booking_date, actor_id, request_id)
            SELECT x.budget_year_id, 'DISBURSEMENT_PAID', x.amount, x.state_share, x.district_share, x.provider_id, d.field_of_action_code, d.social_area_code,
                   'Decision', x.decision_id::text, 'Auszahlung ' || r.reference || ' (Zahlungsdatei ' || coalesce(f.message_id, '?') || ', nachgebucht)', x.paid_on, NULL,
                   'migration:${this.name}'
              FROM disbursement x
              JOIN decision d ON d.id = x.decision_id
              JOIN payment_request r ON r.id = x.payment_request_id
              LEFT JOIN payment_file f ON f.id = x.payment_file_id
             WHERE x.status = 'PAID' AND x.paid_on IS NOT NULL
             ORDER BY x.paid_on, x.created_at, x.id`);
        await queryRunner.query(`
            UPDATE budget_year_balance b
               SET paid_state = s.paid_state, paid_district = s.paid_district, entry_count = b.entry_count + s.n,
                   last_entry_id = greatest(coalesce(b.last_entry_id, 0), s.last_id)
              FROM (SELECT budget_year_id, sum(state_share) AS paid_state, sum(district_share) AS paid_district, count(*) AS n, max(id) AS last_id
                      FROM budget_ledger_entry WHERE kind = 'DISBURSEMENT_PAID' GROUP BY budget_year_id) s
             WHERE s.budget_year_id = b.budget_year_id`);
        await queryRunner.query(`ALTER TABLE "budget_year_balance" ADD CONSTRAINT "ck_balance_paid_within_approved" CHECK (paid_state + paid_district <= disbursed_state + disbursed_district)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "budget_year_balance" DROP CONSTRAINT "ck_balance_paid_within_approved"`);
        // The ledger is append-only; going back removes the kind it did not know, under the trigger's nose.
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DISABLE TRIGGER budget_ledger_entry_append_only`);
        await queryRunner.query(`DELETE FROM budget_ledger_entry WHERE kind = 'DISBURSEMENT_PAID'`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ENABLE TRIGGER budget_ledger_entry_append_only`);
        await queryRunner.query(`UPDATE budget_year_balance b SET entry_count = (SELECT count(*) FROM budget_ledger_entry e WHERE e.budget_year_id = b.budget_year_id)`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" DROP CONSTRAINT "ck_ledger_kind"`);
        await queryRunner.query(`ALTER TABLE "budget_ledger_entry" ADD CONSTRAINT "ck_ledger_kind" CHECK (kind IN (${LEDGER_KINDS_BEFORE}))`);
        await queryRunner.query(`DROP INDEX "public"."ix_ledger_year_booking"`);
        await queryRunner.query(`ALTER TABLE "budget_year_balance" DROP COLUMN "paid_district"`);
        await queryRunner.query(`ALTER TABLE "budget_year_balance" DROP COLUMN "paid_state"`);
    }

}
