import { describe, expect, it } from 'vitest';
import { inCi } from './ci.js';
import { mayWipeDatabase } from './neo4j.js';

describe('inCi', () => {
  it('treats unset, empty, 0 and false (any case) alike: not CI', () => {
    for (const v of [undefined, '', ' ', '0', 'false', 'FALSE', 'False']) {
      expect(inCi(v === undefined ? {} : { CI: v }), JSON.stringify(v)).toBe(false);
    }
  });
  it('takes any other value as CI', () => {
    for (const v of ['true', '1', 'yes', 'TRUE']) expect(inCi({ CI: v }), v).toBe(true);
  });
});

describe('the Neo4j test wipe', () => {
  it('refuses a non-empty database without the suite marker, whatever CI says', () => {
    expect(mayWipeDatabase(12, false, { CI: 'true' })).toBe(false);
    expect(mayWipeDatabase(12, false, { CI: 'false' })).toBe(false);
    expect(mayWipeDatabase(12, false, {})).toBe(false);
  });
  it('wipes an empty database, one it marked, or on an explicit NEO4J_TEST_WIPE=1', () => {
    expect(mayWipeDatabase(0, false, {})).toBe(true);
    expect(mayWipeDatabase(12, true, {})).toBe(true);
    expect(mayWipeDatabase(12, false, { NEO4J_TEST_WIPE: '1' })).toBe(true);
  });
});
