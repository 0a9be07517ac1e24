import { Role } from '@foerderfluss/core';

/**
 * The role groups routes are opened to, named once. What a Träger then sees is decided by the
 * repositories (its own records only), so opening a read route to everyone leaks nothing.
 */
export const EVERYONE: readonly Role[] = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR, Role.PROVIDER];
/** The Landratsamt and the auditors: records no Träger reads (budget, payment files, the Land's flows). */
export const KREIS_SIDE: readonly Role[] = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR];
/** Sachbearbeitung: review, check, book. */
export const CASEWORKERS: readonly Role[] = [Role.ADMIN, Role.STAFF];
