// Letters: typed document models → PDF bytes (pdfmake, embedded Roboto). Pure: no I/O except reading
// the font files, no network, the same bytes for the same model. A service fills the models from
// decision versions, proof reviews and settlements; the worker stores the bytes. See README.md.
export type {
  AmendmentChange,
  AmendmentLetterModel,
  CaseOfficer,
  ChangeValue,
  ContractSignature,
  CursoryCheckItem,
  CursoryCheckResult,
  ForwardingContractModel,
  GrantDecisionLetterModel,
  GrantTerms,
  InDepthCheck,
  InterestSegmentLine,
  InterimProofDue,
  LetterAddress,
  LetterBankAccount,
  LetterBase,
  LetterConditions,
  LetterCostLine,
  LetterFinancingPlan,
  LetterFinancingType,
  LetterFundingKind,
  LetterFundingLine,
  Letterhead,
  LetterInstrument,
  LetterParameters,
  LetterRecipient,
  LetterSignatory,
  ProgrammeReference,
  ProofDeadlines,
  ProofReviewRecordModel,
  ReceiptFinding,
  ReceiptFindingResult,
  RecoveryInterest,
  RecoveryLetterModel,
  RejectionLetterModel,
  ReviewOutcome,
  SettlementLine,
  SourceSplit,
} from './letter-models';
export { LetterModelError } from './letters.errors';
export { renderZuwendungsbescheid } from './grant-decision-letter';
export { renderAenderungsbescheid } from './amendment-letter';
export { renderAblehnungsbescheid } from './rejection-letter';
export { CONTRACT_RECOVERY_CLAUSE, renderWeiterleitungsvertrag } from './forwarding-contract';
export { renderRueckforderungsbescheid } from './recovery-letter';
export { renderPruefvermerk } from './proof-review-record';
export { LETTER_FONT, LETTER_FONT_FILES, type RenderOptions } from './pdf-engine';
export { extractPdfText, PdfReadError, type PdfText } from './pdf-text';
