/** Node texts (what gets embedded) and the fake embedder unit tests rely on. */
import { describe, expect, it } from 'vitest';
import { capText, denseFields, EMBED_KINDS, maxCharsFor, nodeText, textHash } from '../../engine/embed/node-text.js';
import { TEXT_FIELDS } from '../../graph/model.js';
import { createFakeEmbedder, fakeVector } from '../helpers/fake-embedder.js';
import { parsed, person, project, result, UNICODE } from '../helpers/fixtures.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('nodeText', () => {
  it('uses only TEXT_FIELDS, short fields before long free text', () => {
    for (const kind of EMBED_KINDS) {
      for (const f of denseFields(kind)) expect(TEXT_FIELDS[kind]).toContain(f);
    }
    expect(denseFields('Project')).toEqual(['acronym', 'title', 'keywords', 'objective']);
    expect(denseFields('Person')).toEqual(['expertise', 'bio']); // a name says nothing about the work
  });

  it('joins fields and arrays, collapses white space, leaves absent fields out', () => {
    const p = parsed(
      project('p', {
        acronym: 'SKY',
        title: 'Drone  detection\n',
        objective: 'Detect drones.',
        keywords: ['uav', ' radar '],
      }),
    );
    expect(nodeText(p, [], 1_000)).toBe('SKY. Drone detection. uav, radar. Detect drones.');
    expect(nodeText(parsed(result('r', { title: 'Tool' })), [], 1_000)).toBe('Tool');
  });

  it('adds related work titles for people and is empty for a person with nothing to say', () => {
    const alice = parsed(person('a', { expertise: ['OSINT'], bio: 'Analyst.' }));
    expect(nodeText(alice, ['SKYWATCH: drones', 'DEEPTRACE'], 1_000)).toBe(
      'OSINT. Analyst. SKYWATCH: drones; DEEPTRACE',
    );
    expect(nodeText(parsed(person('b')), [], 1_000)).toBe('');
  });

  it('caps long text at a word boundary and never splits a surrogate pair', () => {
    const long = parsed(project('p', { title: 'T', objective: 'word '.repeat(1_000) }));
    const t = nodeText(long, [], 100);
    expect(t.length).toBeLessThanOrEqual(100);
    expect(t.endsWith('word')).toBe(true);
    const emoji = capText('x'.repeat(9) + UNICODE.emoji, 10);
    expect(emoji).toBe('x'.repeat(9));
    expect(maxCharsFor(256)).toBe(1_024);
  });

  it('hashes text stably (32 hex characters, different text → different hash)', () => {
    expect(textHash('a')).toMatch(/^[0-9a-f]{32}$/);
    expect(textHash('a')).toBe(textHash('a'));
    expect(textHash('a')).not.toBe(textHash('b'));
  });
});

describe('FakeEmbedder', () => {
  it('gives deterministic unit vectors; shared words give a positive cosine', async () => {
    const e = createFakeEmbedder({ dimensions: 64 });
    const [a, b, c, empty] = await e.embed(
      ['drone detection radar', 'radar for drone detection', 'cryptocurrency tracing', ''],
      'passage',
    );
    for (const v of [a, b, c, empty]) expect(Math.hypot(...(v as Float32Array))).toBeCloseTo(1, 6);
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(0.8);
    expect(dot(a as Float32Array, c as Float32Array)).toBeLessThan(0.5);
    expect(fakeVector('Drone Detection', 64)).toEqual(fakeVector('drone detection', 64));
    expect(e.model).toBe('fake-bow-64@1');
    expect(e.texts).toBe(4);
    await e.close();
    await expect(e.embed(['x'], 'query')).rejects.toThrow(/closed/);
  });
});
