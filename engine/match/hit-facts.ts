/**
 * The short facts shown beside a hit's label (kind, organisation kind, country, TRL, year), in
 * that order, the same in the CLI, the bots and the dashboard. A pure function of the answer
 * shape with no imports at run time, so the dashboard bundles it as it is.
 */
import type { Hit, RestrictedHit } from './answer.js';

export interface HitFactsOptions {
  /** How a country code is written (the dashboard names it; the CLI and bots show the code). */
  readonly country?: (code: string) => string;
}

export function hitFacts(hit: Hit, options: HitFactsOptions = {}): string[] {
  // People and organisations are told apart by their other facts; works say what they are.
  const kind = hit.kind === 'Person' || hit.kind === 'Organisation' ? undefined : hit.kind.toLowerCase();
  const country = hit.country === undefined ? undefined : (options.country?.(hit.country) ?? hit.country);
  if (hit.kind === 'Event') {
    // The day matters for an event (can one still go?), and where it is held.
    return [kind, hit.online === true ? 'online' : hit.city, country, hit.date?.slice(0, 10)].filter(
      (x): x is string => x !== undefined,
    );
  }
  return [
    kind,
    hit.orgKind,
    country,
    hit.trl === undefined ? undefined : `TRL ${hit.trl}`,
    hit.date?.slice(0, 4),
  ].filter((x): x is string => x !== undefined);
}

/**
 * A hit/no-hit entry in words, from the only fields it has: "a restricted result of a lea
 * organisation in FR". The same on every surface; it cannot say more because it is given no more.
 */
export function restrictedLine(r: RestrictedHit, options: HitFactsOptions = {}): string {
  const who =
    r.orgKind === null ? 'an organisation' : `${/^[aeiou]/u.test(r.orgKind) ? 'an' : 'a'} ${r.orgKind} organisation`;
  const where = r.country === null ? '' : ` in ${options.country?.(r.country) ?? r.country}`;
  return `a restricted ${r.kind.toLowerCase()} of ${who}${where}`;
}
