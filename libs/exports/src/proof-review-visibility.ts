/**
 * "A Träger sees the outcome of the Belegprüfung (sample, findings, recognised amounts, the
 * Prüfvermerk) only once the Festsetzung is made", as SQL on the alias of a joined `proof_of_use`
 * row. The one definition in libs/exports: the export rows (export-rows.repository.ts) and the
 * letters (generated-document.repository.ts) both use it. The same rule for the api's receipts lives
 * with the Receipt repository of libs/proof-of-use; the two should become one export of that lib.
 */
export function proofReviewVisibleCondition(proofAlias: string): string {
  return `${proofAlias}.status = 'SETTLED'`;
}
