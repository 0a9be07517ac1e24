import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One payout of a payment file with everything the Auszahlungsanordnung prints. */
export interface PaymentOrderRow {
  disbursement_id: string;
  amount: string;
  state_share: string;
  district_share: string;
  account_holder: string;
  iban: string;
  bic: string | null;
  requested_value_date: string;
  request_reference: string;
  request_sequence: number;
  decision_reference: string;
  budget_year: number;
  budget_line: string;
  checked_by_name: string | null;
  checked_at: Date | null;
  approved_by_name: string | null;
  approved_at: Date | null;
}

/**
 * The read model of the Auszahlungsanordnung: a payment file's payouts with their Mittelabruf
 * (who checked it: sachlich richtig; who approved it: rechnerisch richtig), Aktenzeichen and the
 * budget year's Haushaltsstelle. Read after the caller was shown the file in its scope
 * (PaymentFilesService.get, staff only), so no Träger filter applies here.
 */
@Injectable()
export class PaymentOrderRepository {
  async rows(em: EntityManager, paymentFileId: string): Promise<PaymentOrderRow[]> {
    return (await em.query(
      `SELECT d.id AS disbursement_id, d.amount::text AS amount, d.state_share::text AS state_share, d.district_share::text AS district_share,
              d.account_holder, d.iban, d.bic, to_char(d.requested_value_date, 'YYYY-MM-DD') AS requested_value_date,
              pr.reference AS request_reference, pr.sequence AS request_sequence, dec.reference AS decision_reference,
              y.year AS budget_year, y.district_budget_line AS budget_line,
              cu.display_name AS checked_by_name, pr.checked_at, au.display_name AS approved_by_name, pr.approved_at
         FROM disbursement d
         JOIN payment_request pr ON pr.id = d.payment_request_id
         JOIN decision dec ON dec.id = d.decision_id
         JOIN budget_year y ON y.id = d.budget_year_id
         LEFT JOIN app_user cu ON cu.id = pr.checked_by
         LEFT JOIN app_user au ON au.id = pr.approved_by
        WHERE d.payment_file_id = $1
        ORDER BY y.district_budget_line, dec.reference, pr.sequence, d.id`,
      [paymentFileId],
    )) as PaymentOrderRow[];
  }

  /** Display name of a user (who created the file), or null. */
  async displayName(em: EntityManager, userId: string | null): Promise<string | null> {
    if (!userId) return null;
    const [row] = (await em.query(`SELECT display_name FROM app_user WHERE id = $1`, [userId])) as { display_name: string }[];
    return row?.display_name ?? null;
  }
}
