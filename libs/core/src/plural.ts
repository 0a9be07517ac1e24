/** The German word for n things, written out: `plural(1, 'Minute', 'Minuten')` → "Minute" (never "Minute(n)"). */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
