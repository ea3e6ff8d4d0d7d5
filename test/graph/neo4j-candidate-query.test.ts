/**
 * The Lucene query that chooses the full-text candidates on Neo4j (graph/neo4j/search.ts): a short
 * question pairs every term, a long one (match-need asks with a challenge's whole text) pairs only
 * its rarest terms within Lucene's clause limit, and only terms that alone pass the limit give no
 * query (the caller then scores every match exactly). Pure: no server needed.
 */
import { describe, expect, test } from 'vitest';
import { candidateQuery, MAX_CLAUSES } from '../../graph/neo4j/search.js';

describe('candidateQuery', () => {
  test('the candidate query pairs every term of a short question, only the rarest of a long one, and gives up only when the terms alone are too many', () => {
    const fields = [
      { field: 'title', boost: 2 },
      { field: 'description', boost: 1 },
      { field: 'summary', boost: 1 },
    ];
    const clauses = (q: string) => q.match(/_lx_[a-z]+:/g)?.length ?? 0;
    const pairsOf = (q: string) => q.split('(+(').length - 1;
    // Short: every term, then every pair, in the question's order, whatever the rarity (zero included).
    const g = (t: string) => `(_lx_title:"${t}"^2 OR _lx_description:"${t}"^1 OR _lx_summary:"${t}"^1)`;
    expect(candidateQuery(fields, ['radar', 'drone', 'prison'], [5, 0, 9])).toBe(
      [
        g('radar'),
        g('drone'),
        g('prison'),
        `(+${g('radar')} +${g('drone')})`,
        `(+${g('radar')} +${g('prison')})`,
        `(+${g('drone')} +${g('prison')})`,
      ].join(' OR '),
    );
    // Long: 30 terms, rarity = position reversed (the last terms are the rarest).
    const terms = Array.from({ length: 30 }, (_, i) => `w${i}`);
    const rarity = terms.map((_, i) => 30 - i);
    const long = candidateQuery(fields, terms, rarity) as string;
    expect(clauses(long)).toBeLessThanOrEqual(MAX_CLAUSES);
    // (30 + m(m − 1)) × 3 ≤ 1,000: m = 17, every term alone and the pairs of the 17 rarest (w13…w29).
    expect(pairsOf(long)).toBe((17 * 16) / 2);
    for (const t of terms) expect(long).toContain(`(_lx_title:"${t}"^2`);
    expect(long).toContain(
      '(+(_lx_title:"w28"^2 OR _lx_description:"w28"^1 OR _lx_summary:"w28"^1) +(_lx_title:"w29"^2',
    );
    expect(long).not.toContain('(+(_lx_title:"w0"^2');
    expect(long).not.toContain('+(_lx_title:"w12"^2');
    // A term no visible document holds (rarity 0) is not paired, and frees its slot for the next rarest:
    // w29 unseen, so the 17 paired are w12…w28.
    const unseen = candidateQuery(
      fields,
      terms,
      rarity.map((r, i) => (i === 29 ? 0 : r)),
    ) as string;
    expect(pairsOf(unseen)).toBe((17 * 16) / 2);
    expect(unseen).toContain(`(_lx_title:"w29"^2`);
    expect(unseen).not.toContain('+(_lx_title:"w29"^2');
    expect(unseen).toContain('(+(_lx_title:"w12"^2');
    // Terms alone past the limit: no query (the caller scores exactly).
    const tooMany = Array.from({ length: 400 }, (_, i) => `w${i}`);
    expect(
      candidateQuery(
        fields,
        tooMany,
        tooMany.map(() => 1),
      ),
    ).toBeUndefined();
  });
});
