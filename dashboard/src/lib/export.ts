/**
 * Figures taken away: the table behind a chart as CSV, the chart as PNG, saved through the
 * browser's download. Nothing leaves the browser.
 */

export interface DataTable {
  /** File name without extension, e.g. "trends-totals". */
  readonly name: string;
  readonly columns: readonly string[];
  /** Numbers stay numbers (no thousands separators, no % sign): the CSV is for spreadsheets. */
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled, CRLF between
 * records. A leading =, +, - or @ is prefixed with ' so a spreadsheet never runs a title as a formula.
 */
function csvField(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = /^[=+\-@\t\r]/u.test(v) ? `'${v}` : v;
  return /[",\r\n]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(table: DataTable): string {
  return [table.columns, ...table.rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

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
