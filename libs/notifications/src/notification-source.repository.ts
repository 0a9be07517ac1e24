import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '@foerderfluss/core';

/** An active user as the reminder scan chooses recipients. */
export interface ActiveUser {
  id: string;
  email: string;
  roles: Role[];
  organisation_id: string | null;
}

/** A Mahnung with what the Träger is told of it. */
export interface NoticeDunningRow {
  id: string;
  level: number;
  recovery_id: string;
  reference: string;
  provider_id: string;
  title: string;
  total_due: string;
  payment_deadline: string;
}

export interface NoticeProviderUsersRow {
  id: string;
  email: string;
  organisation_id: string;
}

export interface NoticeApplicationRow {
  id: string;
  reference: string;
  title: string;
  provider_id: string;
  submitted_version: number;
}

export interface NoticeDecisionVersionRow {
  id: string;
  reference: string;
  provider_id: string;
  outcome: string;
  instrument: 'BESCHEID' | 'VERTRAG';
  title: string;
  application_reference: string;
  kind: 'ORIGINAL' | 'AMENDMENT' | 'REVOCATION';
  version_no: number;
  max_amount: string;
  decision_date: string;
}

export interface NoticePaymentRequestRow {
  id: string;
  reference: string;
  provider_id: string;
  amount: string;
  value_date: string;
  rejection_reason: string | null;
}

export interface NoticePaidDisbursementsRow {
  id: string;
  provider_id: string;
  amount: string;
  paid_on: string;
  iban_end: string | null;
  request_id: string;
  reference: string;
}

export interface NoticeApprovedSettlementRow {
  id: string;
  reference: string;
  provider_id: string;
  title: string;
  final_grant: string;
  recovery_amount: string;
  decision_date: string | null;
  recovery_id: string | null;
  recovery_reference: string | null;
  principal: string | null;
  recovery_due: string | null;
}

export interface NoticeDecisionTitlesRow {
  id: string;
  title: string;
  /** The Kreis: only its staff are told (issue 20). */
  district_id: string;
}

export interface NoticeCheckedPaymentRequestsRow {
  id: string;
  decision_id: string;
  reference: string;
  amount: string;
  checked_by: string | null;
  checked_on: string;
  value_date: string;
  provider_name: string;
  district_id: string;
}

export interface NoticeOverdueRecoveriesRow {
  id: string;
  decision_id: string;
  provider_id: string;
  reference: string;
  due_date: string;
  outstanding: string;
  provider_name: string;
  district_id: string;
}

/** A case (libs/cases) as a message to the Landratsamt names it, with its people. */
export interface NoticeCaseRow {
  reference: string;
  title: string;
  assignee_id: string | null;
  stand_in_id: string | null;
}

/** The table of each case type and how to reach its Antrag's title. */
const CASE_SOURCES: Readonly<Record<string, string>> = {
  APPLICATION: `SELECT a.reference, a.title FROM application a WHERE a.id = $2`,
  DECISION: `SELECT d.reference, a.title FROM decision d JOIN application a ON a.id = d.application_id WHERE d.id = $2`,
  PROOF_OF_USE: `SELECT p.reference, a.title FROM proof_of_use p JOIN decision d ON d.id = p.decision_id JOIN application a ON a.id = d.application_id WHERE p.id = $2`,
  RECOVERY: `SELECT r.reference, a.title FROM recovery r JOIN decision d ON d.id = r.decision_id JOIN application a ON a.id = d.application_id WHERE r.id = $2`,
};

/**
 * What the notifications read of other libs' records to tell people about them: the Träger's
 * users, and the few columns of an Antrag, Bescheid, Mittelabruf, payout, Festsetzung or
 * Rückforderung a message names. Read as the system (an audit listener or the scheduled scan), by
 * id of a record whose own lib has just changed it, so there is no caller scope; the recipients are
 * the owning Träger's users.
 */
@Injectable()
export class NotificationSourceRepository {
  /** All active users of each Träger (role PROVIDER in that organisation). */
  async providerUsers(em: EntityManager, providerIds: string[]): Promise<NoticeProviderUsersRow[]> {
    return (await em.query(`SELECT id, email, organisation_id FROM app_user
        WHERE active AND organisation_id = ANY($1::uuid[]) AND 'PROVIDER' = ANY(roles) ORDER BY email`, [providerIds])) as NoticeProviderUsersRow[];
  }

  /** Every Träger with at least one active user: a Projektaufruf concerns them all. */
  async providersWithUsers(em: EntityManager): Promise<{ organisation_id: string }[]> {
    return (await em.query(`SELECT DISTINCT u.organisation_id FROM app_user u JOIN organisation o ON o.id = u.organisation_id
        WHERE u.active AND 'PROVIDER' = ANY(u.roles) AND o.kind = 'PROVIDER' ORDER BY u.organisation_id`)) as { organisation_id: string }[];
  }

  /** The Projektaufruf an event is about. */
  async call(em: EntityManager, id: string): Promise<{ id: string; title: string; deadline: string }[]> {
    return (await em.query(`SELECT id, title, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM funding_call WHERE id = $1`, [id])) as { id: string; title: string; deadline: string }[];
  }

  /** The Antrag an event is about. */
  async application(em: EntityManager, id: string): Promise<NoticeApplicationRow[]> {
    return (await em.query(`SELECT id, reference, title, provider_id, submitted_version FROM application WHERE id = $1`, [id])) as NoticeApplicationRow[];
  }

  /** A Bescheid version with its decision and Antrag. */
  async decisionVersion(em: EntityManager, versionId: string): Promise<NoticeDecisionVersionRow[]> {
    return (await em.query(`SELECT d.id, d.reference, d.provider_id, d.outcome, d.instrument, a.title, a.reference AS application_reference, v.kind, v.version_no, v.max_amount::text AS max_amount,
              to_char(v.decision_date, 'YYYY-MM-DD') AS decision_date
         FROM decision_version v JOIN decision d ON d.id = v.decision_id JOIN application a ON a.id = d.application_id
        WHERE v.id = $1`, [versionId])) as NoticeDecisionVersionRow[];
  }

  /** A Mittelabruf with the amount the Träger is told. */
  async paymentRequest(em: EntityManager, id: string): Promise<NoticePaymentRequestRow[]> {
    return (await em.query(`SELECT id, reference, provider_id, coalesce(checked_amount, requested_amount)::text AS amount, to_char(requested_value_date, 'YYYY-MM-DD') AS value_date, rejection_reason
         FROM payment_request WHERE id = $1`, [id])) as NoticePaymentRequestRow[];
  }

  /** The payouts a booked payment file executed. */
  async paidDisbursements(em: EntityManager, paymentFileId: string): Promise<NoticePaidDisbursementsRow[]> {
    return (await em.query(`SELECT d.id, d.provider_id, d.amount::text AS amount, to_char(d.paid_on, 'YYYY-MM-DD') AS paid_on, right(d.iban, 4) AS iban_end, pr.id AS request_id, pr.reference
         FROM disbursement d JOIN payment_request pr ON pr.id = d.payment_request_id
        WHERE d.payment_file_id = $1 AND d.status = 'PAID' ORDER BY pr.reference`, [paymentFileId])) as NoticePaidDisbursementsRow[];
  }

  /** An approved Festsetzung with its Rückforderung, if any. */
  async approvedSettlement(em: EntityManager, settlementId: string): Promise<NoticeApprovedSettlementRow[]> {
    return (await em.query(`SELECT s.id, d.reference, d.provider_id, a.title, s.final_grant::text AS final_grant, s.recovery_amount::text AS recovery_amount,
              to_char(s.decision_date, 'YYYY-MM-DD') AS decision_date,
              r.id AS recovery_id, r.reference AS recovery_reference, r.principal::text AS principal, to_char(r.due_date, 'YYYY-MM-DD') AS recovery_due
         FROM settlement s JOIN decision d ON d.id = s.decision_id JOIN application a ON a.id = d.application_id
         LEFT JOIN recovery r ON r.settlement_id = s.id
        WHERE s.id = $1 AND s.status = 'APPROVED'`, [settlementId])) as NoticeApprovedSettlementRow[];
  }

  /** A Mahnung (recovery_dunning) with its recovery and project. */
  async dunning(em: EntityManager, dunningId: string): Promise<NoticeDunningRow[]> {
    return (await em.query(
      `SELECT n.id, n.level, r.id AS recovery_id, r.reference, r.provider_id, a.title, n.total_due::text AS total_due,
              to_char(n.payment_deadline, 'YYYY-MM-DD') AS payment_deadline
         FROM recovery_dunning n JOIN recovery r ON r.id = n.recovery_id JOIN decision d ON d.id = r.decision_id JOIN application a ON a.id = d.application_id
        WHERE n.id = $1`,
      [dunningId],
    )) as NoticeDunningRow[];
  }

  /** Every active user, for choosing the recipients of the scan. */
  async activeUsers(em: EntityManager): Promise<ActiveUser[]> {
    return (await em.query(`SELECT id, email, roles, organisation_id FROM app_user WHERE active ORDER BY email`)) as ActiveUser[];
  }

  /** The Antrag title of each decision. */
  async decisionTitles(em: EntityManager, decisionIds: string[]): Promise<NoticeDecisionTitlesRow[]> {
    return (await em.query(`SELECT d.id, a.title, d.district_id FROM decision d JOIN application a ON a.id = d.application_id WHERE d.id = ANY($1::uuid[])`, [decisionIds])) as NoticeDecisionTitlesRow[];
  }

  /** Mittelabrufe checked and waiting for the second pair of eyes. */
  async checkedPaymentRequests(em: EntityManager, timezone: string): Promise<NoticeCheckedPaymentRequestsRow[]> {
    return (await em.query(`SELECT pr.id, pr.decision_id, pr.district_id, pr.reference, coalesce(pr.checked_amount, pr.requested_amount)::text AS amount, pr.checked_by,
              to_char(pr.checked_at AT TIME ZONE $1, 'YYYY-MM-DD') AS checked_on, to_char(pr.requested_value_date, 'YYYY-MM-DD') AS value_date,
              o.name AS provider_name
         FROM payment_request pr JOIN organisation o ON o.id = pr.provider_id
        WHERE pr.status = 'CHECKED' ORDER BY pr.reference`, [timezone])) as NoticeCheckedPaymentRequestsRow[];
  }

  /** Rückforderungen past their due date and not settled. */
  async overdueRecoveries(em: EntityManager, today: string): Promise<NoticeOverdueRecoveriesRow[]> {
    return (await em.query(`SELECT r.id, r.decision_id, r.district_id, r.provider_id, r.reference, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, (r.principal - r.repaid_principal)::text AS outstanding, o.name AS provider_name
         FROM recovery r JOIN organisation o ON o.id = r.provider_id
        WHERE r.status IN ('OPEN', 'PARTIALLY_PAID') AND r.due_date < $1::date ORDER BY r.reference`, [today])) as NoticeOverdueRecoveriesRow[];
  }

  /** Active users by id, with their address (the people named on a case). */
  async activeUsersById(em: EntityManager, ids: string[]): Promise<{ id: string; email: string }[]> {
    if (ids.length === 0) return [];
    return (await em.query(`SELECT id, email FROM app_user WHERE active AND id = ANY($1::uuid[]) ORDER BY email`, [ids])) as { id: string; email: string }[];
  }

  /** Display names by id (the person who acted, the assignee), for the text of a message. */
  async displayNames(em: EntityManager, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = ids.filter((id): id is string => id !== null);
    if (wanted.length === 0) return new Map();
    const rows = (await em.query(`SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])`, [wanted])) as { id: string; display_name: string }[];
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** A case's Aktenzeichen and project title, with its assignee and stand-in (libs/cases). */
  async caseFacts(em: EntityManager, caseType: string, caseId: string): Promise<NoticeCaseRow[]> {
    const source = CASE_SOURCES[caseType];
    if (!source) return [];
    return (await em.query(
      `SELECT f.reference, f.title, ca.assignee_id, ca.stand_in_id
         FROM (${source.replace('$2', '$2::uuid')}) f
         LEFT JOIN case_assignment ca ON ca.case_type = $1 AND ca.case_id = $2::uuid`,
      [caseType, caseId],
    )) as NoticeCaseRow[];
  }
}
