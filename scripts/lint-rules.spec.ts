import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ESLint's messages for `source` as if it were the file at `asPath` in this repository. */
function lintAs(asPath: string, source: string): { line: number; message: string }[] {
  const root = join(__dirname, '..');
  const run = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', asPath, '--format', 'json'], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  const results = JSON.parse(run.stdout) as { messages: { line: number; message: string; ruleId: string | null }[] }[];
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-syntax'));
}

const fixture = readFileSync(join(__dirname, '../test/fixtures/lint/raw-repository.service.ts'), 'utf8');

describe('lint: raw data access only in repositories (ARCHITECTURE.md "Decided once")', () => {
  it('refuses getRepository, query and createQueryBuilder in a service', () => {
    const messages = lintAs('libs/example/src/example.service.ts', fixture);
    expect(messages.map((m) => m.line)).toEqual([15, 19, 23]);
    expect(messages[0]!.message).toContain('Repository');
  }, 60000);

  it('allows them in a repository file', () => {
    expect(lintAs('libs/example/src/example.repository.ts', fixture)).toEqual([]);
  }, 60000);

  it('allows them in migrations and seeds', () => {
    expect(lintAs('migrations/1700000000000-Example.ts', fixture)).toEqual([]);
    expect(lintAs('seeds/demo/example.ts', fixture)).toEqual([]);
  }, 60000);
});
