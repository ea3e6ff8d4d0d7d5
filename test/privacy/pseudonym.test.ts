/** Keyed pseudonyms for logs (engine/privacy/pseudonym.ts): stable within a window, unlinkable after. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPseudonymizer, pseudonymKeysPath } from '../../engine/privacy/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-pseudonym-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pseudonyms', () => {
  it('are keyed hashes: stable for one key, different per value, never the value, shared by processes', async () => {
    const a = createPseudonymizer(dir, 90);
    const p = a.of('slack:U024BE7LH');
    expect(p).toMatch(/^[0-9a-f]{6}\.[A-Za-z0-9_-]{22}$/u);
    expect(p).not.toContain('U024BE7LH');
    expect(a.of('slack:U024BE7LH')).toBe(p);
    expect(a.of('slack:U024BE7LI')).not.toBe(p);
    // Another process on the same folder computes the same pseudonym (one key file).
    expect(createPseudonymizer(dir, 90).of('slack:U024BE7LH')).toBe(p);
    // Without the key, the value cannot be tried: another folder's key gives another pseudonym.
    const other = await mkdtemp(join(tmpdir(), 'ileanet-pseudonym-'));
    expect(createPseudonymizer(other, 90).of('slack:U024BE7LH')).not.toBe(p);
    await rm(other, { recursive: true, force: true });
    expect((await readFile(pseudonymKeysPath(dir), 'utf8')).includes('U024BE7LH')).toBe(false);
  });

  it('the key rotates with the window, and keys past two windows are deleted: old lines can no longer be linked', async () => {
    const s = createPseudonymizer(dir, 30);
    const before = s.of('person:x');
    const day = 86_400_000;
    expect(s.rotate(new Date(Date.now() + 10 * day))).toBe(0);
    expect(s.all('person:x')).toEqual([before]);
    // Past one window: a new key for new lines; the old one still finds old lines.
    expect(s.rotate(new Date(Date.now() + 31 * day))).toBe(0);
    const all = s.all('person:x');
    expect(all).toHaveLength(2);
    expect(all).toContain(before);
    // Past two windows: the first key is gone.
    expect(s.rotate(new Date(Date.now() + 61 * day))).toBe(1);
    expect(s.all('person:x')).not.toContain(before);
  });
});
