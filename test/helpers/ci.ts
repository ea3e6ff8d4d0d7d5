/**
 * The one place that decides "are we in CI" for every skip decision. `CI=true` (what CI sets)
 * or any other non-empty value means CI; unset, empty, `0` and `false` (any case) do not, so a
 * developer's `CI=false npm test` behaves like a plain `npm test`.
 */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env['CI']?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}
