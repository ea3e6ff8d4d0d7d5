/** The table behind a chart as CSV (RFC 4180), without the DOM: the unit tests run it in Node. */
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
