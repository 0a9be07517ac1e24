import { MigrationInterface, QueryRunner } from "typeorm";

const KINDS_BEFORE = `'PROOF_DUE', 'INTERIM_PROOF_DUE', 'PAYMENT_APPROVAL', 'RECOVERY_OVERDUE', 'APPLICATION_RECEIVED', 'CHANGES_REQUESTED', 'DECISION_ISSUED', 'APPLICATION_REJECTED', 'PAYMENT_REQUEST_APPROVED', 'PAYMENT_REQUEST_REFUSED', 'PAYOUT_EXECUTED', 'SETTLEMENT_MADE', 'RECOVERY_DUE', 'CALL_DEADLINE_EXTENDED'`; // the last one from CallsDeadlineExtension, which runs before

/**
 * Assignment and Wiedervorlage of cases (issue 16 item 7): who at the Landratsamt works on an
 * Antrag, Bescheid, VN or Rückforderung, and the days it comes up again; and the two notifications
 * to the people named. The notification kind's CHECK is changed by hand (TypeORM does not compare
 * CHECK expressions).
 */
export class CasesAssignmentHistory1796638739660 implements MigrationInterface {
    name = 'CasesAssignmentHistory1796638739660'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "case_assignment" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_type" text NOT NULL, "case_id" uuid NOT NULL, "assignee_id" uuid, "stand_in_id" uuid, "assigned_by" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_case_assignment_stand_in" CHECK (stand_in_id IS NULL OR (assignee_id IS NOT NULL AND stand_in_id <> assignee_id)), CONSTRAINT "ck_case_assignment_type" CHECK (case_type IN ('APPLICATION', 'DECISION', 'PROOF_OF_USE', 'RECOVERY')), CONSTRAINT "PK_23dbc3b5ef530451316d063247b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_case_assignment_stand_in" ON "case_assignment"  ("stand_in_id") `);
        await queryRunner.query(`CREATE INDEX "ix_case_assignment_assignee" ON "case_assignment"  ("assignee_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_case_assignment_case" ON "case_assignment"  ("case_type", "case_id") `);
        await queryRunner.query(`CREATE TABLE "case_follow_up" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_type" text NOT NULL, "case_id" uuid NOT NULL, "due_date" date NOT NULL, "note" text, "created_by" uuid, "done_at" TIMESTAMP WITH TIME ZONE, "done_by" uuid, CONSTRAINT "ck_case_follow_up_done" CHECK ((done_at IS NULL) = (done_by IS NULL)), CONSTRAINT "ck_case_follow_up_note" CHECK (note IS NULL OR char_length(note) <= 2000), CONSTRAINT "ck_case_follow_up_type" CHECK (case_type IN ('APPLICATION', 'DECISION', 'PROOF_OF_USE', 'RECOVERY')), CONSTRAINT "PK_5d4210f221d511cfb67c47af1f3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_case_follow_up_open_due" ON "case_follow_up"  ("due_date") WHERE done_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "ix_case_follow_up_case" ON "case_follow_up"  ("case_type", "case_id") `);
        await queryRunner.query(`ALTER TABLE "case_assignment" ADD CONSTRAINT "FK_d269308c1bb078adea7778bbfa0" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_assignment" ADD CONSTRAINT "FK_bbd2a0d875e3d7d28d2fca20e38" FOREIGN KEY ("stand_in_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_follow_up" ADD CONSTRAINT "FK_a598066f0c3298a33d3c78ac80c" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_follow_up" ADD CONSTRAINT "FK_a0d1dc9199318283d55870e5170" FOREIGN KEY ("done_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (kind IN (${KINDS_BEFORE}, 'CASE_ASSIGNED', 'FOLLOW_UP_ADDED'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "notification" WHERE kind IN ('CASE_ASSIGNED', 'FOLLOW_UP_ADDED')`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (kind IN (${KINDS_BEFORE}))`);
        await queryRunner.query(`ALTER TABLE "case_follow_up" DROP CONSTRAINT "FK_a0d1dc9199318283d55870e5170"`);
        await queryRunner.query(`ALTER TABLE "case_follow_up" DROP CONSTRAINT "FK_a598066f0c3298a33d3c78ac80c"`);
        await queryRunner.query(`ALTER TABLE "case_assignment" DROP CONSTRAINT "FK_bbd2a0d875e3d7d28d2fca20e38"`);
        await queryRunner.query(`ALTER TABLE "case_assignment" DROP CONSTRAINT "FK_d269308c1bb078adea7778bbfa0"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_follow_up_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_follow_up_open_due"`);
        await queryRunner.query(`DROP TABLE "case_follow_up"`);
        await queryRunner.query(`DROP INDEX "public"."ux_case_assignment_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_assignment_assignee"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_assignment_stand_in"`);
        await queryRunner.query(`DROP TABLE "case_assignment"`);
    }

}
