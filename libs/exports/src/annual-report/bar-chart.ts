import { Money } from '@foerderfluss/core';

/**
 * A small horizontal bar chart as SVG for the pdfmake `svg` node (the report needs two of them;
 * no charting library renders server-side SVG without a DOM). Each bar is stacked Land | Kreis,
 * labelled with its German name on the left and its total in German format on the right; the
 * x axis carries German tick labels and its caption. Text is drawn in the embedded Roboto, so the
 * PDF's text layer carries the labels too.
 */
export interface BarChartItem {
  readonly label: string;
  readonly state: Money;
  readonly district: Money;
}

export interface BarChartOptions {
  /** Caption of the x axis, e.g. „Gebundene Mittel in €“. */
  readonly axisLabel: string;
  /** Caption of the category axis, e.g. „Handlungsfeld“. */
  readonly categoryLabel: string;
  readonly width?: number;
}

export const CHART_COLORS = { state: '#1f5f8b', district: '#8fb8d8', axis: '#5a5a5a', text: '#1a1a1a' } as const;

const LABEL_WIDTH = 170;
const VALUE_WIDTH = 80;
const BAR_HEIGHT = 14;
const GAP = 6;
const TOP = 22;
const AXIS_ROOM = 34;
const FONT = 'Roboto';

/** An SVG coordinate with two places (geometry, not money), as text. */
function at(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** „1.234,56 €“ with a no-break space. */
export function euro(m: Money): string {
  return `${m.toGermanString()}\u00a0€`;
}

/** The label cut to what fits in the label column (about 5 pt per character at 8 pt). */
function fit(label: string, width: number): string {
  const max = Math.floor(width / 4.6);
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** A round step for about five ticks: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** German short form of an axis tick: „250.000“. */
function tick(value: number): string {
  return new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(value);
}

export function barChartSvg(items: readonly BarChartItem[], options: BarChartOptions): { svg: string; width: number; height: number } {
  const width = options.width ?? 480;
  const plot = width - LABEL_WIDTH - VALUE_WIDTH;
  const totals = items.map((i) => i.state.plus(i.district));
  // Scale in whole euros: a chart needs no cents, and Number() of a money total is only used for geometry.
  const max = Math.max(0, ...totals.map((t) => Number(t.toApiString())));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const x = (value: number) => LABEL_WIDTH + (plot * value) / top;
  const height = TOP + items.length * (BAR_HEIGHT + GAP) + AXIS_ROOM;
  const parts: string[] = [];
  parts.push(`<text x="0" y="12" font-family="${FONT}" font-size="8" font-weight="bold" fill="${CHART_COLORS.text}">${escapeXml(options.categoryLabel)}</text>`);
  // Legend
  parts.push(`<rect x="${LABEL_WIDTH}" y="4" width="10" height="8" fill="${CHART_COLORS.state}"/>`);
  parts.push(`<text x="${LABEL_WIDTH + 14}" y="12" font-family="${FONT}" font-size="8" fill="${CHART_COLORS.text}">Land</text>`);
  parts.push(`<rect x="${LABEL_WIDTH + 50}" y="4" width="10" height="8" fill="${CHART_COLORS.district}"/>`);
  parts.push(`<text x="${LABEL_WIDTH + 64}" y="12" font-family="${FONT}" font-size="8" fill="${CHART_COLORS.text}">Kreis</text>`);
  const axisY = TOP + items.length * (BAR_HEIGHT + GAP);
  for (let v = 0; v <= top + step / 2; v += step) {
    const tx = x(v);
    parts.push(`<line x1="${at(tx)}" y1="${TOP - 2}" x2="${at(tx)}" y2="${axisY}" stroke="#dddddd" stroke-width="0.5"/>`);
    parts.push(`<text x="${at(tx)}" y="${axisY + 11}" font-family="${FONT}" font-size="7" text-anchor="middle" fill="${CHART_COLORS.axis}">${tick(v)}</text>`);
  }
  items.forEach((item, i) => {
    const y = TOP + i * (BAR_HEIGHT + GAP);
    const stateEnd = x(Number(item.state.toApiString()));
    const totalEnd = x(Number(totals[i]!.toApiString()));
    parts.push(`<text x="0" y="${y + BAR_HEIGHT - 3}" font-family="${FONT}" font-size="8" fill="${CHART_COLORS.text}">${escapeXml(fit(item.label, LABEL_WIDTH - 6))}</text>`);
    if (stateEnd > LABEL_WIDTH) parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${at(stateEnd - LABEL_WIDTH)}" height="${BAR_HEIGHT}" fill="${CHART_COLORS.state}"/>`);
    if (totalEnd > stateEnd) parts.push(`<rect x="${at(stateEnd)}" y="${y}" width="${at(totalEnd - stateEnd)}" height="${BAR_HEIGHT}" fill="${CHART_COLORS.district}"/>`);
    parts.push(`<text x="${at(totalEnd + 4)}" y="${y + BAR_HEIGHT - 3}" font-family="${FONT}" font-size="7" fill="${CHART_COLORS.text}">${escapeXml(euro(totals[i]!))}</text>`);
  });
  parts.push(`<line x1="${LABEL_WIDTH}" y1="${TOP - 2}" x2="${LABEL_WIDTH}" y2="${axisY}" stroke="${CHART_COLORS.axis}" stroke-width="0.8"/>`);
  parts.push(`<line x1="${LABEL_WIDTH}" y1="${axisY}" x2="${LABEL_WIDTH + plot}" y2="${axisY}" stroke="${CHART_COLORS.axis}" stroke-width="0.8"/>`);
  parts.push(`<text x="${LABEL_WIDTH + plot / 2}" y="${axisY + 26}" font-family="${FONT}" font-size="8" text-anchor="middle" fill="${CHART_COLORS.text}">${escapeXml(options.axisLabel)}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return { svg, width, height };
}
