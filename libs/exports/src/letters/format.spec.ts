import { CalendarDate, Money, Rate } from '@foerderfluss/core';
import {
  changeValueText,
  countWord,
  eur,
  formatIban,
  keepTogether,
  monthsDative,
  NBSP,
  percentagePointsDative,
  percentText,
  readDate,
  readMoney,
  yearsAccusative,
} from './format';
import { LetterModelError } from './letters.errors';

const plain = (s: string) => s.replaceAll(NBSP, ' ');

describe('letter formatting', () => {
  it('prints money and dates the German way, with a no-break space before the sign', () => {
    expect(eur(Money.of('1234.56'))).toBe(`1.234,56${NBSP}€`);
    expect(eur(Money.of('0.005'))).toBe(`0,01${NBSP}€`);
    expect(eur(Money.of('-10424.8'))).toBe(`-10.424,80${NBSP}€`);
    expect(CalendarDate.parse('2026-11-25').toGermanString()).toBe('25.11.2026');
    expect(percentText(Rate.fromPercent('7.27'))).toBe(`7,27${NBSP}%`);
  });

  it('reads model values and names the field of a bad one', () => {
    expect(readMoney('90000.00', 'grant.maxAmount').toApiString()).toBe('90000.00');
    expect(() => readMoney('90.000,00', 'grant.maxAmount')).toThrow(LetterModelError);
    expect(() => readMoney(90000, 'grant.maxAmount')).toThrow('Feld "grant.maxAmount"');
    expect(readDate('2028-02-29', 'd').toGermanString()).toBe('29.02.2028');
    expect(() => readDate('2027-02-29', 'deadlines.finalProofDue')).toThrow('Feld "deadlines.finalProofDue"');
  });

  it('writes small numbers as words in running text', () => {
    expect(countWord(5)).toBe('fünf');
    expect(countWord(13)).toBe('13');
    expect(monthsDative(2)).toBe('zwei Monaten');
    expect(monthsDative(1)).toBe('einem Monat');
    expect(yearsAccusative(5)).toBe('fünf Jahre');
    expect(yearsAccusative(10)).toBe('zehn Jahre');
    expect(percentagePointsDative('5', 'p')).toBe('fünf Prozentpunkten');
    expect(percentagePointsDative('4.5', 'p')).toBe('4,5 Prozentpunkten');
  });

  it('groups an IBAN in fours and keeps legal references and amounts together', () => {
    expect(formatIban('de12830502000001234567')).toBe('DE12 8305 0200 0001 2345 67');
    const text = keepTogether('nach § 49a Abs. 3 Satz 1 Nr. 1 ThürVwVfG, 90 % von 100,00 € (Az. 12)');
    expect(text).toBe(`nach §${NBSP}49a Abs.${NBSP}3 Satz${NBSP}1 Nr.${NBSP}1 ThürVwVfG, 90${NBSP}% von 100,00${NBSP}€ (Az.${NBSP}12)`);
    expect(plain(text)).toBe('nach § 49a Abs. 3 Satz 1 Nr. 1 ThürVwVfG, 90 % von 100,00 € (Az. 12)');
  });

  it('formats typed change values', () => {
    expect(plain(changeValueText({ kind: 'money', amount: '95000.00' }, 'c'))).toBe('95.000,00 €');
    expect(changeValueText({ kind: 'date', date: '2027-03-31' }, 'c')).toBe('31.03.2027');
    expect(plain(changeValueText({ kind: 'percent', percent: '90.5' }, 'c'))).toBe('90,5 %');
    expect(changeValueText({ kind: 'text', text: 'entfällt' }, 'c')).toBe('entfällt');
  });
});
