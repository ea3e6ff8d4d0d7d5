/**
 * Figures taken away: the table behind a chart as CSV, the chart as PNG, saved through the
 * browser's download. Nothing leaves the browser.
 */
import { type DataTable, toCsv } from './csv.js';

export type { DataTable } from './csv.js';

export function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: Chromium reads the blob after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const downloadCsv = (table: DataTable): void =>
  // A byte-order mark: Excel opens UTF-8 CSV as such only with one.
  download(`${table.name}.csv`, new Blob(['\ufeff', toCsv(table)], { type: 'text/csv;charset=utf-8' }));

/** Properties that carry meaning in a chart's drawing; copied inline so the image needs no stylesheet. */
const INLINE = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'font-size',
  'font-family',
  'font-weight',
  'opacity',
];

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A copy of an SVG element with the computed styles that matter written inline. */
function inlined<T extends SVGElement>(source: T): T {
  const copy = source.cloneNode(true) as T;
  const from = [source, ...source.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = to[i] as SVGElement | undefined;
    if (target === undefined) return;
    for (const p of INLINE) target.style.setProperty(p, style.getPropertyValue(p));
  });
  return copy;
}

/**
 * A chart as PNG on white at twice its size: its SVG, with the legend (HTML in recharts) redrawn
 * under it as SVG so the image says which line is which.
 */
export async function chartToPng(svg: SVGSVGElement, legendItems: readonly Element[] = []): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const copy = inlined(svg);
  const font = getComputedStyle(svg).fontFamily;
  const row = 20;
  let x = 8;
  let y = height + 6;
  const legend = document.createElementNS(SVG_NS, 'g');
  for (const item of legendItems) {
    const icon = item.querySelector('svg');
    const label = item.textContent ?? '';
    const labelWidth = label.length * 7 + 30;
    if (x + labelWidth > width && x > 8) {
      x = 8;
      y += row;
    }
    if (icon !== null) {
      const mark = inlined(icon);
      mark.setAttribute('x', String(x));
      mark.setAttribute('y', String(y + 2));
      legend.append(mark);
    }
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(x + 18));
    text.setAttribute('y', String(y + 13));
    text.setAttribute('font-size', '12');
    text.setAttribute('font-family', font);
    text.setAttribute('fill', '#1b1f24');
    text.textContent = label;
    legend.append(text);
    x += labelWidth;
  }
  const total = legendItems.length === 0 ? height : y + row + 4;
  copy.append(legend);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(total));
  copy.setAttribute('viewBox', `0 0 ${width} ${total}`);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(total * scale);
  const g = canvas.getContext('2d');
  if (g === null) throw new Error('this browser cannot draw on a canvas');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.scale(scale, scale);
  g.drawImage(image, 0, 0, width, total);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b === null ? reject(new Error('the chart could not be drawn as PNG')) : resolve(b)),
      'image/png',
    ),
  );
}
