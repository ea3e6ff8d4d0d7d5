/**
 * How the visibility properties compare two answers: without what may differ between any two
 * asks (timings, request and instance ids), and with tie-order flips among equal final scores
 * undone (they occur between two engines over one store too, so they are no sign of hidden data).
 */

/** The answer without wall-clock timings and per-request ids. */
export function stable(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stable);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(
    Object.entries(x)
      .filter(([k]) => k !== 'ms' && k !== 'phases' && k !== 'requestId' && k !== 'instance')
      .map(([k, v]) => [k, stable(v)]),
  );
}

/** Hits whose final scores are equal put in id order and renumbered. */
export function tiesById(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(tiesById);
  if (x === null || typeof x !== 'object') return x;
  const o = Object.fromEntries(Object.entries(x).map(([k, v]) => [k, tiesById(v)]));
  const hits = o['hits'];
  if (
    Array.isArray(hits) &&
    hits.every((h) => typeof (h as { scores?: { final?: unknown } }).scores?.final === 'number')
  ) {
    const final = (h: unknown) => (h as { scores: { final: number } }).scores.final;
    const id = (h: unknown) => String((h as { id: unknown }).id);
    o['hits'] = [...hits]
      .sort((a, b) => final(b) - final(a) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0))
      .map((h, i) => ({ ...(h as object), rank: i + 1 }));
  }
  return o;
}
