import { DomainError } from '@foerderfluss/core';

export const jobsUnavailable = (): DomainError =>
  new DomainError(
    'JOBS_UNAVAILABLE',
    503,
    'Der Auftrag kann gerade nicht angenommen werden, weil die Warteschlange nicht erreichbar ist. Bitte versuchen Sie es in einigen Minuten erneut.',
  );
