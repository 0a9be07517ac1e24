import type { CalendarDate } from '@foerderfluss/core';

export interface DeadlineStage {
  /** `BEFORE_<n>` (due within n days, the smallest n that fits) or `OVERDUE`. */
  stage: string;
  /** Days until the due date; negative when overdue. */
  daysLeft: number;
}

/**
 * Which reminder a deadline is at today. `daysBefore` are the reminder days from the configuration
 * (e.g. [30, 7]): due in 21 days → BEFORE_30, in 7 days or today → BEFORE_7, yesterday → OVERDUE, in
 * 40 days → none. A deadline first seen late gets only the most urgent stage, never the ones it
 * passed, so nobody gets "in 30 days" and "in 7 days" on the same morning.
 */
export function deadlineStage(today: CalendarDate, due: CalendarDate, daysBefore: readonly number[]): DeadlineStage | null {
  const daysLeft = today.daysUntil(due);
  if (daysLeft < 0) return { stage: 'OVERDUE', daysLeft };
  const fitting = daysBefore.filter((d) => daysLeft <= d);
  if (fitting.length === 0) return null;
  return { stage: `BEFORE_${Math.min(...fitting)}`, daysLeft };
}

/**
 * The unique key of one notification: the same finding (kind, record, sub-key such as the covered
 * year, due date, stage) for the same user is stored once, however often the scan runs.
 */
export function notificationKey(parts: { kind: string; entityId: string; subKey?: string | number | null; dueDate: string | null; stage: string; userId: string }): string {
  return [parts.kind, parts.entityId, parts.subKey ?? '-', parts.dueDate ?? '-', parts.stage, parts.userId].join('|');
}

/** `<uuid@domain>` from the outbox id and the sender's domain: the same on every attempt. */
export function messageIdFor(outboxId: string, from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return `<${outboxId}@${match?.[1] ?? 'foerderfluss.invalid'}>`;
}
