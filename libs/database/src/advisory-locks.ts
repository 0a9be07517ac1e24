/**
 * Two-key advisory locks `(hashtext(space), hashtext(id))`, the way records here say "a process works
 * on me": the holder is a connection, so a process that dies (SIGKILL, lost host) lets go with it.
 */

/** SQL that takes the lock for the session if it is free (true) or answers false at once; $1 is the id. */
export const tryAdvisorySessionLockSql = (space: string): string => `SELECT pg_try_advisory_lock(hashtext('${checkSpace(space)}'), hashtext($1)) AS locked`;

/**
 * SQL boolean: some session holds the lock on `(space, idSql)` right now. Read from pg_locks, so
 * asking never takes the lock and never delays its holder (a two-key advisory lock shows there as
 * classid/objid with objsubid 2).
 */
export function advisoryLockHeldSql(space: string, idSql: string): string {
  return `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = hashtext('${checkSpace(space)}')::oid AND l.objid = hashtext(${idSql})::oid)`;
}

function checkSpace(space: string): string {
  // A constant of the code, never input; refused otherwise so it can go into the SQL text.
  if (!/^[a-z_]{1,63}$/.test(space)) throw new Error(`invalid advisory lock space "${space}"`);
  return space;
}
