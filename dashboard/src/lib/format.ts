/** Numbers as the dashboard writes them: the same function for charts' labels and tables. */
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export const fmtInt = (n: number): string => whole.format(n);
/** Up to one decimal: 11.4, 14. */
export const fmtNum = (n: number): string => one.format(n);
export const fmtScore = (n: number): string => two.format(n);
/** A no-break space before %: chart labels must not wrap between number and sign. */
export const fmtPercent = (share: number): string => `${one.format(share * 100)}\u00a0%`;
/**
 * Growth as a signed percentage. null means the earlier window was empty: "new" when the recent
 * one has activity, "—" when neither has any (nothing grew, nothing is new).
 */
export const fmtGrowth = (g: number | null, recent: number): string =>
  g === null ? (recent > 0 ? 'new' : '—') : `${g >= 0 ? '+' : '−'}${whole.format(Math.abs(g) * 100)}\u00a0%`;

/**
 * Okabe–Ito hues darkened until each mark stands at 3:1 or more against the page (WCAG 1.4.11);
 * lines also differ by dash and marker, so no reader depends on hue alone.
 */
export const PALETTE = ['#0072B2', '#B85C00', '#007A5A', '#B3418A', '#5A5A5A', '#806600', '#6A3D9A', '#A6241A'];
export const colour = (i: number): string => PALETTE[i % PALETTE.length] ?? '#5A5A5A';
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '', '6 3', '2 3', '8 3 2 3'];
export const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star', 'wye', 'circle'] as const;
export const dash = (i: number): string => DASHES[i % DASHES.length] ?? '';
export const marker = (i: number): (typeof MARKERS)[number] => MARKERS[i % MARKERS.length] ?? 'circle';
/** Text on charts (value labels, legends): the page's ink, never a series colour. */
export const INK = '#1b1f24';

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
/** A stored date or date-time ("2026-03-14", "2026-03-14T09:30:00Z") as "14 Mar 2026"; unreadable text as it is. */
export const fmtDate = (iso: string | undefined): string => {
  if (iso === undefined || iso === '') return '—';
  const t = Date.parse(iso.length <= 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(t) ? iso : day.format(t);
};
