/** Country codes as the API stores them (ISO 3166 alpha-2, with EL for Greece as the EU writes it) in full. */
const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** EU usage differs from ISO for two countries. */
const EU_CODES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };

export function countryName(code: string | undefined): string {
  if (code === undefined || code === '') return '—';
  try {
    return names.of(EU_CODES[code] ?? code) ?? code;
  } catch {
    return code;
  }
}

/** "Greece (EL)": the full name for reading, the code as the charts write it. */
export const countryWithCode = (code: string): string => {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
};
