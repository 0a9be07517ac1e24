import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@foerderfluss/database';

export interface StateGrantLetterFacts {
  state: { name: string; street: string | null; postal_code: string | null; city: string | null; contact_email: string | null; contact_phone: string | null; iban: string | null; bic: string | null; account_holder: string | null };
  district: { name: string; street: string | null; postal_code: string | null; city: string | null };
  programme: { title: string; publication: string | null; granting_authority_name: string };
  proposer: string | null;
  issuer: string | null;
}

/** What the Zuweisungsbescheid prints besides the Zuweisung: the Land (letterhead), the Kreis (addressee), the programme, who signed. */
@Injectable()
export class StateGrantLetterRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async facts(districtId: string, programmeId: string, proposedBy: string | null, issuedBy: string | null, em: EntityManager = this.tx.manager): Promise<StateGrantLetterFacts | null> {
    const [state] = (await em.query(
      `SELECT name, street, postal_code, city, contact_email, contact_phone, iban, bic, account_holder FROM organisation WHERE kind = 'STATE' ORDER BY created_at LIMIT 1`,
    )) as StateGrantLetterFacts['state'][];
    const [district] = (await em.query(`SELECT name, street, postal_code, city FROM organisation WHERE id = $1`, [districtId])) as StateGrantLetterFacts['district'][];
    const [programme] = (await em.query(`SELECT title, publication, granting_authority_name FROM programme WHERE id = $1`, [programmeId])) as StateGrantLetterFacts['programme'][];
    if (!state || !district || !programme) return null;
    const users = (await em.query(`SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])`, [[proposedBy, issuedBy].filter((x): x is string => !!x)])) as { id: string; display_name: string }[];
    const nameOf = (id: string | null) => users.find((u) => u.id === id)?.display_name ?? null;
    return { state, district, programme, proposer: nameOf(proposedBy), issuer: nameOf(issuedBy) };
  }
}
