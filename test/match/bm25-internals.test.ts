/**
 * The lexical scorer reads MiniSearch's inverted index directly (engine/match/bm25.ts), so that
 * BM25 statistics can be kept per visibility class. There is no fallback to the library's own
 * search (it would score with statistics that include hidden documents): these tests pin that
 * the installed MiniSearch has the shape the scorer reads, and that another shape is refused.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { internals } from '../../engine/match/bm25.js';
import { MatchError } from '../../engine/match/errors.js';
import { unsupportedMiniSearch } from '../../engine/match/lexical.js';

describe('the MiniSearch internals the BM25 scorer reads', () => {
  it('are there in the installed version, with the documents and statistics it needs', () => {
    const ms = new MiniSearch<{ id: string; t: string }>({ fields: ['t'], storeFields: ['t'] });
    ms.addAll([
      { id: 'a', t: 'drone detection at prisons' },
      { id: 'b', t: 'drone swarms' },
    ]);
    const i = internals(ms);
    expect(i).toBeDefined();
    expect(i?._documentCount).toBe(2);
    expect(i?._index.get('drone')?.size).toBe(1); // one field holds the term
    expect([...(i?._documentIds.values() ?? [])].sort()).toEqual(['a', 'b']);
  });

  it('are refused in any other shape, with a code and the fix', () => {
    expect(internals({} as MiniSearch)).toBeUndefined();
    expect(internals({ _index: new Map() } as unknown as MiniSearch)).toBeUndefined();
    const e = unsupportedMiniSearch();
    expect(e).toBeInstanceOf(MatchError);
    expect(e.code).toBe('ERR_LEXICAL_INDEX');
    expect(e.message).toMatch(/npm ci/u);
  });
});
