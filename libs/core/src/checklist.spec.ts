import { checklistGaps, labelledChecklist, missingDetail } from './checklist';

const POINTS = [
  { code: 'A', label: 'Antrag vollständig' },
  { code: 'B', label: 'Kosten plausibel' },
  { code: 'C', label: 'Frist eingehalten' },
];

describe('checklist', () => {
  it('names every point not decided, and a NOT_OK point without a Vermerk, by its path', () => {
    const gaps = checklistGaps(POINTS, [
      { code: 'A', result: 'OK', note: null },
      { code: 'B', result: 'NOT_OK', note: '  ' },
      // C missing altogether
    ]);
    expect(gaps).toEqual([
      { path: 'checklist.B', message: 'Der Prüfpunkt „Kosten plausibel“ ist nicht erfüllt: bitte im Vermerk begründen.' },
      { path: 'checklist.C', message: 'Der Prüfpunkt „Frist eingehalten“ ist noch offen.' },
    ]);
  });

  it('accepts a decided list (NOT_APPLICABLE and NOT_OK with a Vermerk are decisions); no list at all is all open', () => {
    expect(checklistGaps(POINTS, [
      { code: 'A', result: 'OK', note: null },
      { code: 'B', result: 'NOT_OK', note: 'Personal über TV-L wird gekürzt.' },
      { code: 'C', result: 'NOT_APPLICABLE', note: null },
    ])).toEqual([]);
    expect(checklistGaps(POINTS, null).map((g) => g.path)).toEqual(['checklist.A', 'checklist.B', 'checklist.C']);
    expect(checklistGaps(POINTS, [{ code: 'A', result: 'NOT_OK', note: null }], { noteOnNotOk: false, basePath: 'x' }).map((g) => g.path)).toEqual(['x.B', 'x.C']);
  });

  it('labels the entries in the order of the definition and reads a missing point as OPEN', () => {
    expect(labelledChecklist(POINTS, [{ code: 'C', result: 'OK', note: 'ja' }])).toEqual([
      { code: 'A', label: 'Antrag vollständig', result: 'OPEN', note: null },
      { code: 'B', label: 'Kosten plausibel', result: 'OPEN', note: null },
      { code: 'C', label: 'Frist eingehalten', result: 'OK', note: 'ja' },
    ]);
    expect(missingDetail('Geht nicht.', ['a', 'b'])).toBe('Geht nicht. Es fehlt noch: a, b.');
  });
});
