import { Injectable } from '@nestjs/common';
import { conflict, Scope } from '@foerderfluss/core';
import { StateGrantsService } from '@foerderfluss/land';
import type { Letterhead } from './letter-models';
import { renderZuweisungsbescheid, StateGrantLetterModel } from './state-grant-letter';
import { StateGrantLetterRepository } from './state-grant-letter.repository';
import { letterFileName } from './letter-documents.service';
import { LetterKind } from './generated-document.entity';

/**
 * The Zuweisungsbescheid of an issued Zuweisung as PDF (issue 20), for the Land and the Kreis it is
 * addressed to. Rendered on request from the issued record: the renderer is deterministic and the
 * model holds no clock (the letter's date is the day of issue), so every download gives the same bytes.
 * It is not a generated_document row: that table belongs to a Kreis's decisions and Anträge, and the
 * Land may not write Kreis tables (row-level security).
 */
@Injectable()
export class StateGrantLetterService {
  constructor(
    private readonly grants: StateGrantsService,
    private readonly repo: StateGrantLetterRepository,
  ) {}

  async render(scope: Scope, grantId: string): Promise<{ pdf: Buffer; fileName: string }> {
    const g = await this.grants.get(scope, grantId);
    if (g.status !== 'ISSUED' || !g.issuedOn) throw conflict('STATE_GRANT_NOT_ISSUED', 'Den Zuweisungsbescheid gibt es erst, wenn die Zuweisung erlassen ist.');
    const f = await this.repo.facts(g.districtId, g.programmeId, g.proposedBy, g.issuedBy);
    if (!f) throw conflict('STATE_GRANT_LETTER_DATA_MISSING', 'Für den Zuweisungsbescheid fehlen Angaben zum Land, zum Kreis oder zum Programm.');
    if (!f.state.iban || !f.state.bic || !f.state.street || !f.state.postal_code || !f.state.city) {
      throw conflict('STATE_GRANT_LETTER_DATA_MISSING', 'Für den Briefkopf des Landes fehlen Anschrift oder Bankverbindung (Stammdaten der Organisation des Landes).');
    }
    // "Freistaat Thüringen, vertreten durch das Thüringer Landesverwaltungsamt" → the legal person and the authority.
    const [legal, represented] = f.state.name.split(/,\s*vertreten durch (?:das|die|den)\s+/);
    const letterhead: Letterhead = {
      name: f.state.name,
      department: 'Förderung der sozialen Beratung',
      districtName: legal!.trim(),
      authorityName: (represented ?? f.programme.granting_authority_name ?? legal!).trim(),
      address: { street: f.state.street, postalCode: f.state.postal_code, city: f.state.city },
      phone: f.state.contact_phone ?? '–',
      email: f.state.contact_email ?? '–',
      website: 'www.thueringen.de',
      bankAccounts: [{ bankName: 'Landeshauptkasse', iban: f.state.iban, bic: f.state.bic, accountHolder: f.state.account_holder ?? legal!.trim() }],
    };
    const districtName = f.district.name.split(/\s+–\s+/)[0]!.trim();
    const model: StateGrantLetterModel = {
      reference: g.reference,
      letterDate: g.issuedOn,
      recipient: { name: f.district.name, address: { street: f.district.street ?? '', postalCode: f.district.postal_code ?? '', city: f.district.city ?? '' } },
      officer: { name: f.proposer ?? 'Sachbearbeitung', phone: f.state.contact_phone ?? '–' },
      signatory: { name: f.issuer ?? '', title: 'Im Auftrag' },
      programme: { guidelineTitle: f.programme.title, ...(f.programme.publication ? { guidelineCitation: f.programme.publication } : {}), stateAuthority: f.programme.granting_authority_name },
      year: g.year,
      amount: g.amount.toApiString(),
      stateRatePercent: g.stateRatePercent.toPercentString(),
      periodStart: g.periodStart,
      periodEnd: g.periodEnd,
      proofDue: g.proofDue,
      districtName,
    };
    return { pdf: await renderZuweisungsbescheid(model, letterhead), fileName: letterFileName(LetterKind.STATE_GRANT, g.reference, null) };
  }
}
