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

/** The chart's SVG drawn on a canvas at twice its size, on white, as PNG. */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = svg.querySelectorAll('*');
  const to = copy.querySelectorAll('*');
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = to[i] as SVGElement | undefined;
    if (target === undefined) return;
    for (const p of INLINE) target.style.setProperty(p, style.getPropertyValue(p));
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const g = canvas.getContext('2d');
  if (g === null) throw new Error('this browser cannot draw on a canvas');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.scale(scale, scale);
  g.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b === null ? reject(new Error('the chart could not be drawn as PNG')) : resolve(b)),
      'image/png',
    ),
  );
}
