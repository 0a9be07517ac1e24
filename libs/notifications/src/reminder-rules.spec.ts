import { CalendarDate } from '@foerderfluss/core';
import { deadlineStage, messageIdFor, notificationKey } from './reminder-rules';

const d = (s: string) => CalendarDate.parse(s);

describe('deadlineStage', () => {
  const thresholds = [30, 7];

  it.each([
    ['2025-11-20', null, 41],
    ['2025-12-01', 'BEFORE_30', 30],
    ['2025-12-10', 'BEFORE_30', 21],
    ['2025-12-24', 'BEFORE_7', 7],
    ['2025-12-31', 'BEFORE_7', 0],
    ['2026-01-01', 'OVERDUE', -1],
  ])('on %s a VN due 31.12.2025 is at %s', (today, stage, daysLeft) => {
    const s = deadlineStage(d(today), d('2025-12-31'), thresholds);
    if (stage === null) expect(s).toBeNull();
    else expect(s).toEqual({ stage, daysLeft });
  });

  it('takes the thresholds as given (configuration), in any order', () => {
    expect(deadlineStage(d('2025-12-17'), d('2025-12-31'), [14, 60, 3])).toEqual({ stage: 'BEFORE_14', daysLeft: 14 });
    expect(deadlineStage(d('2025-12-17'), d('2025-12-31'), [3])).toBeNull();
  });
});

describe('notification keys and Message-IDs', () => {
  it('one key per kind, record, sub-key, due date, stage and user', () => {
    const base = { kind: 'PROOF_DUE', entityId: 'd1', dueDate: '2025-12-31', stage: 'BEFORE_7', userId: 'u1' };
    expect(notificationKey(base)).toBe('PROOF_DUE|d1|-|2025-12-31|BEFORE_7|u1');
    expect(notificationKey({ ...base, subKey: 2025 })).not.toBe(notificationKey(base));
    expect(notificationKey({ ...base, stage: 'OVERDUE' })).not.toBe(notificationKey(base));
  });

  it('derives the Message-ID from the outbox id and the sender domain', () => {
    expect(messageIdFor('0b6c', 'Förderfluss <foerderfluss@altenburgerland.de>')).toBe('<0b6c@altenburgerland.de>');
    expect(messageIdFor('0b6c', 'noreply@example.org')).toBe('<0b6c@example.org>');
    expect(messageIdFor('0b6c', 'kein Absender')).toBe('<0b6c@foerderfluss.invalid>');
  });
});
