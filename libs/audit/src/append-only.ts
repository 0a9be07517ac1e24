/**
 * Tables the application may only append to (a trigger refuses UPDATE, DELETE and TRUNCATE, and the
 * application role holds INSERT and SELECT only: libs/database grantAppRole). A new append-only
 * table belongs here as well as in its migration's trigger.
 */
export const APPEND_ONLY_TABLES: readonly string[] = ['audit_event', 'audit_checkpoint'];
