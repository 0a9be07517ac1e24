/**
 * The records a Kreis user can be responsible for (issue 16 item 7): a case is an Antrag, a
 * Bescheid/Vertrag, a Verwendungsnachweis or a Rückforderung. Each keeps its own lifecycle in its own
 * lib; this lib only says who works on it and when it comes up again.
 */
export enum CaseType {
  APPLICATION = 'APPLICATION',
  DECISION = 'DECISION',
  PROOF_OF_USE = 'PROOF_OF_USE',
  RECOVERY = 'RECOVERY',
}

export const CASE_TYPES: readonly CaseType[] = Object.values(CaseType);

/** The audit entity of each case type: assignment and Wiedervorlage events are recorded on the record itself, so they show in its history. */
export const CASE_ENTITY: Readonly<Record<CaseType, string>> = {
  APPLICATION: 'Application',
  DECISION: 'Decision',
  PROOF_OF_USE: 'ProofOfUse',
  RECOVERY: 'Recovery',
};

/** German name of each case type, with article for sentences ("der Antrag"). */
export const CASE_TYPE_DE: Readonly<Record<CaseType, { noun: string; withArticle: string }>> = {
  APPLICATION: { noun: 'Antrag', withArticle: 'der Antrag' },
  DECISION: { noun: 'Bescheid/Vertrag', withArticle: 'der Bescheid oder Vertrag' },
  PROOF_OF_USE: { noun: 'Verwendungsnachweis', withArticle: 'der Verwendungsnachweis' },
  RECOVERY: { noun: 'Rückforderung', withArticle: 'die Rückforderung' },
};

/** Where the Kreis works on the case in the web app (links in notifications). */
export function casePath(type: CaseType, id: string): string {
  switch (type) {
    case CaseType.APPLICATION:
      return `/antraege/${id}/pruefung`;
    case CaseType.DECISION:
      return `/bescheide/${id}`;
    case CaseType.PROOF_OF_USE:
      return `/nachweise/${id}/pruefung`;
    case CaseType.RECOVERY:
      return `/rueckforderungen/${id}`;
  }
}

export function caseTypeOfEntity(entity: string): CaseType | null {
  return CASE_TYPES.find((t) => CASE_ENTITY[t] === entity) ?? null;
}
