import { germanDate, monthsDative, percentagePointsDative, readDate, readPercent, percentText, yearsAccusative } from './format';
import type { Inline } from './layout';
import type { Letterhead, LetterConditions, LetterParameters, ProgrammeReference, ProofDeadlines } from './letter-models';
import { LetterModelError } from './letters.errors';

/**
 * Text blocks that Bescheid and Vertrag share, modelled on Thüringer Zuwendungsbescheide
 * (§§ 23, 44 ThürLHO with the VV, ANBest-P, §§ 48–49a ThürVwVfG). Every figure in them comes from
 * the model's parameters, never from a literal here.
 */

/** Known codes of general conditions: the title after "die" (weak inflection) and on its own. */
const GENERAL_CONDITIONS: Record<string, { afterArticle: string; bare: string }> = {
  'ANBest-P': {
    afterArticle: 'Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P)',
    bare: 'Allgemeine Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P)',
  },
  'ANBest-I': {
    afterArticle: 'Allgemeinen Nebenbestimmungen für Zuwendungen zur institutionellen Förderung (ANBest-I)',
    bare: 'Allgemeine Nebenbestimmungen für Zuwendungen zur institutionellen Förderung (ANBest-I)',
  },
  'ANBest-Gk': {
    afterArticle:
      'Allgemeinen Nebenbestimmungen für Zuwendungen an Gebietskörperschaften und Zusammenschlüsse von Gebietskörperschaften (ANBest-Gk)',
    bare: 'Allgemeine Nebenbestimmungen für Zuwendungen an Gebietskörperschaften und Zusammenschlüsse von Gebietskörperschaften (ANBest-Gk)',
  },
};

export interface ConditionTitles {
  /** "die Allgemeinen Nebenbestimmungen … (ANBest-P)": for running text. */
  inText: string;
  /** "Allgemeine Nebenbestimmungen … (ANBest-P)": for the list of Anlagen. */
  titles: string[];
}

export function generalConditionTitles(conditions: LetterConditions, path: string): ConditionTitles {
  if (!Array.isArray(conditions?.general) || conditions.general.length === 0) {
    throw new LetterModelError(`${path}.general`, 'mindestens eine allgemeine Nebenbestimmung (z. B. ANBest-P) ist erforderlich');
  }
  const known = conditions.general.map((code) => GENERAL_CONDITIONS[code.trim()] ?? { afterArticle: code.trim(), bare: code.trim() });
  return {
    inText: known.map((k) => `die ${k.afterArticle}`).join(' sowie '),
    titles: known.map((k) => k.bare),
  };
}

/** "der Richtlinie … (ThürStAnz Nr. 5/2024)" */
export function guidelineText(programme: ProgrammeReference): string {
  return programme.guidelineCitation ? `${programme.guidelineTitle} (${programme.guidelineCitation})` : programme.guidelineTitle;
}

/** The Land's Bescheid to the Kreis, when it is to be cited: " vom 10.01.2026 (Az. …)". */
export function stateDecisionText(programme: ProgrammeReference, path: string): string {
  const date = programme.stateDecisionDate ? ` vom ${germanDate(readDate(programme.stateDecisionDate, `${path}.stateDecisionDate`))}` : '';
  const ref = programme.stateDecisionReference ? ` (Az. ${programme.stateDecisionReference})` : '';
  return `${date}${ref}`;
}

/** Rechtsgrundlagen of the Weiterleitung, as one sentence fragment. */
export function legalBasisText(programme: ProgrammeReference, districtName: string, path: string): string {
  return (
    'der §§ 23 und 44 der Thüringer Landeshaushaltsordnung (ThürLHO) und der Verwaltungsvorschriften hierzu, ' +
    `der ${guidelineText(programme)} sowie des Zuwendungsbescheides an den ${districtName}` +
    `${stateDecisionText(programme, path)}, erlassen vom ${programme.stateAuthority}`
  );
}

export interface ProofDeadlineParts {
  /** The VN deadline and what the VN consists of. */
  deadline: Inline[];
  /** The Zwischennachweise, when the period spans calendar years the VN does not cover. */
  interim: { intro: string; items: string[] } | null;
}

/** Deadline of the VN and the Zwischennachweise, as parts a Bescheid or a contract clause arranges. */
export function proofDeadlineParts(deadlines: ProofDeadlines, path: string, instrumentNoun: 'Bescheides' | 'Vertrages'): ProofDeadlineParts {
  const due = readDate(deadlines?.finalProofDue, `${path}.finalProofDue`);
  const interim = deadlines.interimProofs ?? [];
  return {
    deadline: [
      'Die Verwendung der Zuwendung ist bis zum ',
      { text: germanDate(due), bold: true },
      ' nachzuweisen (Verwendungsnachweis). Der Verwendungsnachweis besteht aus einem Sachbericht und einem ' +
        'zahlenmäßigen Nachweis, der wie der Kosten- und Finanzierungsplan gegliedert ist, mit einer Belegliste ' +
        '(Einnahmen und Ausgaben getrennt, in zeitlicher Reihenfolge, je Zahlung Tag, Empfänger oder Einzahler, ' +
        `Grund, Betrag, Kostenart und Belegnummer). Die Frist ist Bestandteil dieses ${instrumentNoun}.`,
    ],
    interim:
      interim.length === 0
        ? null
        : {
            intro:
              'Für jedes Kalenderjahr des Bewilligungszeitraums, das nicht vom Verwendungsnachweis erfasst wird, ist ein ' +
              'Zwischennachweis vorzulegen:',
            items: interim.map(
              (p, i) => `Zwischennachweis für das Jahr ${p.year}: bis zum ${germanDate(readDate(p.due, `${path}.interimProofs[${i}].due`))}`,
            ),
          },
  };
}

/** Whom the audit right concerns: the Träger addressed in a Bescheid or named in a Vertrag. */
export interface AuditParty {
  /** "bei Ihnen" / "beim Zuwendungsempfänger" */
  at: string;
  /** "Sie haben" / "Der Zuwendungsempfänger hat" */
  subjectHas: string;
}

export const AUDIT_PARTY_LETTER: AuditParty = { at: 'bei Ihnen', subjectHas: 'Sie haben' };
export const AUDIT_PARTY_CONTRACT: AuditParty = { at: 'beim Zuwendungsempfänger', subjectHas: 'Der Zuwendungsempfänger hat' };

/** Prüfungsrecht of the Kreis, the Land and the Thüringer Rechnungshof. */
export function auditRightText(letterhead: Letterhead, programme: ProgrammeReference, party: AuditParty): string {
  return (
    `Der ${letterhead.districtName} ist berechtigt, Bücher, Belege und sonstige Geschäftsunterlagen anzufordern ` +
      'sowie die Verwendung der Zuwendung durch örtliche Erhebungen zu prüfen oder durch Beauftragte prüfen zu lassen. ' +
      `Das gleiche Recht steht dem Land Thüringen (${programme.stateAuthority}) zu. ` +
      `Der Thüringer Rechnungshof (Landesrechnungshof) ist berechtigt, ${party.at} zu prüfen (§ 91 ThürLHO). ` +
      `${party.subjectHas} die erforderlichen Unterlagen bereitzuhalten und die notwendigen Auskünfte zu erteilen.`
  );
}

/** The plan binds in its total; 20 % rule for single lines (Nr. 1.2 ANBest-P); Besserstellungsverbot. */
export function planBindingText(parameters: LetterParameters, path: string): string {
  const tolerance = percentText(readPercent(parameters?.overrunTolerancePercent, `${path}.overrunTolerancePercent`));
  return (
    'Der Plan ist hinsichtlich des Gesamtergebnisses verbindlich. ' +
      `Die einzelnen Ausgabeansätze dürfen um bis zu ${tolerance} überschritten werden, ` +
      'soweit die Überschreitung durch entsprechende Einsparungen bei anderen Einzelansätzen ausgeglichen wird ' +
      '(Nr. 1.2 ANBest-P). Personalausgaben sind höchstens bis zur Höhe vergleichbarer Entgelte nach dem TV-L ' +
      'zuwendungsfähig (Besserstellungsverbot, Nr. 1.3 ANBest-P).'
  );
}

/** Mittelabruf: only what is needed within the horizon; pro rata under Anteil-/Fehlbedarfsfinanzierung. */
export function paymentRequestText(parameters: LetterParameters, path: string): string {
  const months = parameters?.paymentRequestHorizonMonths;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1) {
    throw new LetterModelError(`${path}.paymentRequestHorizonMonths`, 'muss eine ganze Zahl ≥ 1 sein');
  }
  return (
    'Die Zuwendung darf nur insoweit und nicht eher angefordert werden, als sie innerhalb von ' +
    `${monthsDative(months)} nach der Auszahlung für fällige Zahlungen benötigt wird (Nr. 1.4 ANBest-P). ` +
    'Bei Anteil- oder Fehlbedarfsfinanzierung darf jeweils nur der entsprechende Anteil der fälligen Zahlungen ' +
    'angefordert werden. Die Auszahlungen dürfen insgesamt den Höchstbetrag nicht übersteigen.'
  );
}

/** § 49a (3) and (4) ThürVwVfG. */
export function interestNoticeText(parameters: LetterParameters, path: string): string {
  const points = percentagePointsDative(parameters?.interestSurchargePercentagePoints, `${path}.interestSurchargePercentagePoints`);
  return (
    'Soweit die Zuwendung zu erstatten ist, ist der Erstattungsbetrag nach § 49a Abs. 3 ThürVwVfG vom Eintritt der ' +
    `Unwirksamkeit des Bescheides an mit ${points} über dem Basiszinssatz nach § 247 BGB jährlich zu verzinsen. ` +
    'Werden ausgezahlte Mittel nicht innerhalb der genannten Frist zur Erfüllung des Zuwendungszwecks verwendet, ' +
    'können für die Zeit von der Auszahlung bis zur zweckentsprechenden Verwendung Zinsen in gleicher Höhe ' +
    'verlangt werden (§ 49a Abs. 4 ThürVwVfG).'
  );
}

export function retentionText(parameters: LetterParameters, path: string): string {
  const years = parameters?.receiptRetentionYears;
  if (typeof years !== 'number' || !Number.isInteger(years) || years < 1) {
    throw new LetterModelError(`${path}.receiptRetentionYears`, 'muss eine ganze Zahl ≥ 1 sein');
  }
  return (
    'Die Belege, Verträge und alle sonst mit der Förderung zusammenhängenden Unterlagen sind ' +
    `${yearsAccusative(years)} nach Vorlage des Verwendungsnachweises aufzubewahren, sofern nicht nach ` +
    'steuerrechtlichen oder anderen Vorschriften eine längere Aufbewahrungsfrist bestimmt ist.'
  );
}

export const NOTIFICATION_DUTY_TEXT =
  'Änderungen, die für die Bewilligung maßgeblich sind, insbesondere eine Ermäßigung der Ausgaben, eine Änderung ' +
  'der Finanzierung, weitere Zuwendungen für denselben Zweck oder eine Änderung des Zuwendungszwecks, sind ' +
  'unverzüglich schriftlich mitzuteilen.';
