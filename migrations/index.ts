import { Initial1795620815373 } from './1795620815373-Initial';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works in the
 * compiled app, in the CLI and under jest; a unit test checks that no file is missing here.
 */
export const MIGRATIONS = [Initial1795620815373];
