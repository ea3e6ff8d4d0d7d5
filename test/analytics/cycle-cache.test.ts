/**
 * Trends' cycle figures are kept per snapshot state and viewer class (engine/analytics/index.ts):
 * repeated requests share them, and a write (a new challenge and a vote on it) is in the next
 * answer, as a new analytics over the same store has it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createAnalytics } from '../../engine/analytics/index.js';
import { openStore } from '../../graph/index.js';
import { SYSTEM } from '../../graph/viewer.js';
import { ingestDemo } from '../helpers/demo-engine.js';

test('the cycle figures follow a write at once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-cycle-cache-'));
  try {
    await ingestDemo(dir);
    const store = await openStore({ backend: 'embedded', dataDir: dir });
    try {
      const analytics = createAnalytics(store);
      const before = (await analytics.trends({}, SYSTEM)).cycle;
      expect((await analytics.trends({}, SYSTEM)).cycle, 'kept while nothing changed').toBe(before);
      const person = (await store.list({ kind: 'Person', limit: 1 }, SYSTEM)).items[0];
      if (person === undefined) throw new Error('the demo has no person');
      await store.upsert({
        nodes: [
          {
            id: 'test:challenge:cycle',
            kind: 'Challenge',
            title: 'A need raised in the test',
            status: 'open',
            keywords: ['test'],
            country: 'PT',
            visibility: 'public',
            date: '2024-05-01',
          },
        ],
        relationships: [{ type: 'VOTED', from: person.id, to: 'test:challenge:cycle', value: 1 }],
      });
      const after = (await analytics.trends({}, SYSTEM)).cycle;
      expect(after.challenges).toBe(before.challenges + 1);
      const votes = (c: typeof before) => c.participation.reduce((n, p) => n + p.votes, 0);
      expect(votes(after)).toBe(votes(before) + 1);
      expect(after).toEqual((await createAnalytics(store).trends({}, SYSTEM)).cycle);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
