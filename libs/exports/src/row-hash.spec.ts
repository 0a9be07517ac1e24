import { createHash } from 'node:crypto';
import { canonicalRowsSha256, RowHasher } from './row-hash';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('row checksum (ff-rows-v1)', () => {
  it('is SHA-256 over one JSON array per row, each ended by LF', () => {
    const rows = [
      ["'=HYPERLINK(\"http://x\",\"y\")", '-5.00', '2026-02-28', null],
      ['Grüße\nzweite Zeile\tTab', '1234.56', null, 'ja'],
    ];
    const expected = sha256(
      '["\'=HYPERLINK(\\"http://x\\",\\"y\\")","-5.00","2026-02-28",null]\n' + '["Grüße\\nzweite Zeile\\tTab","1234.56",null,"ja"]\n',
    );
    expect(canonicalRowsSha256(rows)).toBe(expected);
  });

  it('of zero rows is the SHA-256 of nothing', () => {
    expect(canonicalRowsSha256([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('does not depend on how the rows are chunked internally', () => {
    const hasher = new RowHasher();
    let text = '';
    for (let i = 0; i < 20000; i++) {
      const row = [`Beleg ${i}`, `${i}.00`];
      hasher.update(row);
      text += `${JSON.stringify(row)}\n`;
    }
    expect(hasher.rowCount).toBe(20000);
    expect(hasher.digest()).toBe(sha256(text));
  });
});
