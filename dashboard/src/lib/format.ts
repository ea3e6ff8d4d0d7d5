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
/** Growth as a signed percentage; null (no earlier window) as "new". */
export const fmtGrowth = (g: number | null): string =>
  g === null ? 'new' : `${g >= 0 ? '+' : '−'}${whole.format(Math.abs(g) * 100)}\u00a0%`;

/** A palette readable on white and by most colour-blind readers (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#555555', '#F0E442'];
export const colour = (i: number): string => PALETTE[i % PALETTE.length] ?? '#555555';
