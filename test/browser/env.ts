import { existsSync } from 'node:fs';
import path from 'node:path';

/** Screenshots of every journey land here (gitignored with var/). */
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'var', 'e2e-artifacts');

/** Debian's Chromium (apt-get install -y chromium); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`Chromium fehlt unter ${p}: apt-get install -y chromium (oder CHROMIUM_PATH setzen).`);
  return p;
}
