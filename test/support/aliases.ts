/**
 * jest's globalSetup runs outside the module registry, so moduleNameMapper does not apply
 * there. This maps `@foerderfluss/<lib>` to libs/<lib>/src for that one context.
 */
import Module from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
type Resolve = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
let installed = false;

export function registerAliases(): void {
  if (installed) return;
  installed = true;
  mod._resolveFilename = function (request: string, ...rest: unknown[]): string {
    const m = /^@foerderfluss\/([a-z-]+)$/.exec(request);
    const target = m ? path.join(root, 'libs', m[1]!, 'src', 'index.ts') : request;
    return original.call(this, target, ...rest);
  };
}
