/**
 * Hidden data has no side effects (issue 14): for randomised stores, viewers and queries, what
 * a viewer is answered, scores and ranks included, equals what the same engine answers over a
 * copy of the store from which every node the viewer may not see was deleted. Covers
 * who-solved, challenge matches, suggestions, consortia, trends, gaps and the network, in
 * hybrid mode with the deterministic embedder (exact dense search at this size).
 *
 * A store is the demo graph with a seeded share of its nodes re-labelled public, network or
 * restricted to a random owner; viewers get a random clearance and organisations (often an
 * owner of restricted nodes); queries are words drawn from every node's text, hidden ones
 * included, since those are the words whose statistics would leak.
 */

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded as prng } from '../../engine/analytics/network.js';
import { nodeTexts } from '../../engine/match/text.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { GraphNode } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { canSee, type Viewer } from '../../graph/viewer.js';
import { allNodes } from '../helpers/all-nodes.js';
import { embedWithFake, ingestDemo } from '../helpers/demo-engine.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { tiesById } from './helpers/normalise.js';

/**
 * Seeds and sizes. CI runs 2 stores × 5 viewers × ~400 pairs (~4,000 pairs, within a minute on
 * 2 cores); `ILEANET_VIS_SEEDS=1,2,3,…` runs other or more stores, so runs over distinct seeds
 * add up past 10,000 pairs (the figure; the last such tally is in the commit message).
 */
const SEEDS = (process.env['ILEANET_VIS_SEEDS'] ?? '11,23')
  .split(',')
  .map((x) => Number(x.trim()))
  .filter((x) => Number.isInteger(x));
const VIEWERS_PER_STORE = 5;
const QUERIES_PER_VIEWER = 300;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

interface Opened {
  readonly dir: string;
  readonly store: GraphStore;
  readonly engine: Engine;
  close(): Promise<void>;
}

const embedder = createFakeEmbedder({ dimensions: 64 });
/** A copy of the graph in `from` with `hidden` deleted, embedded and opened behind an engine. */
async function openCopy(from: string, hidden: readonly string[]): Promise<Opened> {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-vis-'));
  await cp(join(from, 'graph.sqlite'), join(dir, 'graph.sqlite'));
  const store = await openStore({ backend: 'embedded', dataDir: dir });
  if (hidden.length > 0) await store.deleteNodes(hidden);
  await embedWithFake(dir, store, embedder);
  const engine = await openEngine({ store, dataDir: dir, mode: 'hybrid', embedder, now: () => new Date('2026-06-01') });
  return {
    dir,
    store,
    engine,
    async close() {
      await engine.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Wall-clock timings (`stats.ms`, `stats.phases`) are the only fields that may differ. */
function withoutTimings(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutTimings);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(
    Object.entries(x)
      .filter(([k]) => k !== 'ms' && k !== 'phases')
      .map(([k, v]) => [k, withoutTimings(v)]),
  );
}

/** The answer, or the error code it threw: both must agree. */
async function outcome(f: () => Promise<unknown>): Promise<unknown> {
  try {
    return withoutTimings(await f());
  } catch (e) {
    return { threw: (e as { code?: string }).code ?? (e as Error).message };
  }
}

let base = '';
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ileanet-vis-base-'));
  await ingestDemo(base);
});
afterAll(async () => {
  if (base !== '') await rm(base, { recursive: true, force: true });
});

describe('visibility without side effects', () => {
  let pairs = 0;
  let tieFlips = 0;
  const differences: string[] = [];

  for (const seed of SEEDS) {
    it(`store seed ${seed}: every viewer's answers equal those over the store holding only what they see`, async () => {
      const r = prng(seed);
      // The randomised store: a share of the nodes re-labelled, restricted ones to a few owners.
      const seeded = await mkdtemp(join(tmpdir(), 'ileanet-vis-seed-'));
      await cp(join(base, 'graph.sqlite'), join(seeded, 'graph.sqlite'));
      const store = await openStore({ backend: 'embedded', dataDir: seeded });
      const nodes = await allNodes(store);
      const orgs = nodes.filter((n) => n.kind === 'Organisation').map((n) => n.id);
      const owners = Array.from({ length: 4 }, () => pick(r, orgs));
      const relabelled = nodes
        .filter((n) => n.kind !== 'Country' && n.kind !== 'Topic' && r() < 0.35)
        .map((n) => {
          const x = r();
          const { owner: _owner, ...rest } = n as GraphNode & { owner?: string };
          if (x < 0.3) return { ...rest, visibility: 'public' as const };
          if (x < 0.6) return { ...rest, visibility: 'network' as const };
          return { ...rest, visibility: 'restricted' as const, owner: pick(r, owners) };
        });
      await store.upsert({ nodes: relabelled });
      const stored = await allNodes(store);
      await store.close();

      const words = [
        ...new Set(
          stored.flatMap((n) =>
            nodeTexts(n)
              .flatMap((t) => t.text.split(/[^\p{L}\p{N}]+/u))
              .filter((w) => w.length > 3),
          ),
        ),
      ].sort();
      const full = await openCopy(seeded, []);
      try {
        for (let v = 0; v < VIEWERS_PER_STORE; v++) {
          const viewer: Viewer = {
            id: `viewer-${seed}-${v}`,
            clearance: pick(r, ['public', 'network', 'network', 'public', 'all'] as const),
            orgs: r() < 0.6 ? [pick(r, owners), ...(r() < 0.3 ? [pick(r, orgs)] : [])] : [],
          };
          const hidden = stored.filter((n) => !canSee(viewer, n)).map((n) => n.id);
          const visible = stored.filter((n) => canSee(viewer, n));
          const only = await openCopy(seeded, hidden);
          try {
            const compare = async (what: string, ask: (e: Engine) => Promise<unknown>) => {
              const a = await outcome(() => ask(full.engine));
              const b = await outcome(() => ask(only.engine));
              pairs++;
              if (
                JSON.stringify(a) !== JSON.stringify(b) &&
                JSON.stringify(tiesById(a)) === JSON.stringify(tiesById(b))
              ) {
                tieFlips++;
                return;
              }
              try {
                expect(a).toEqual(b);
              } catch {
                if (differences.length < 20)
                  differences.push(`seed ${seed} ${viewer.clearance}/${viewer.orgs.join(',')} ${what}`);
                else differences.push('');
              }
            };
            for (let q = 0; q < QUERIES_PER_VIEWER; q++) {
              const text = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, words)).join(' ');
              await compare(`who-solved "${text}"`, (e) => e.whoSolved(text, { limit: 20 }, viewer));
            }
            const challenges = visible.filter((n) => n.kind === 'Challenge');
            for (const c of challenges) {
              await compare(`matches ${c.id}`, (e) => e.matchNeed(c.id, viewer, { limit: 20 }));
              await compare(`consortium ${c.id}`, (e) => e.consortium(c.id, undefined, viewer));
            }
            for (const n of visible.filter((x) => x.kind === 'Person' || x.kind === 'Organisation').slice(0, 60)) {
              const forWhom = n.kind === 'Person' ? { person: n.id } : { organisation: n.id };
              await compare(`suggestions ${n.id}`, (e) => e.suggest({ for: forWhom, limit: 20 }, viewer));
            }
            await compare('trends', (e) => e.trends({}, viewer));
            await compare('trends by country', (e) => e.trends({ by: 'country' }, viewer));
            await compare('gaps', (e) => e.gaps({}, viewer));
            await compare('network', (e) => e.network({ top: 50 }, viewer));
          } finally {
            await only.close();
          }
        }
      } finally {
        await full.close();
        await rm(seeded, { recursive: true, force: true });
      }
      // About a minute per store alone on 2 cores; room for a busy machine.
    }, 400_000);
  }

  it('compared every pair with no difference', () => {
    console.log(
      `visibility property: seeds ${SEEDS.join(',')}: ${pairs} pairs compared, ${differences.length} differences, ` +
        `${tieFlips} answers with equal-score hits in another order`,
    );
    expect(differences.filter((d) => d !== '')).toEqual([]);
    expect(differences.length).toBe(0);
    // Each store gives some 2,000 pairs; fewer means the generator or the loop lost its way.
    expect(pairs).toBeGreaterThanOrEqual(SEEDS.length * 1_500);
    // Tie-order flips stay rare: more would mean scores, not just ties, moved.
    expect(tieFlips).toBeLessThanOrEqual(Math.ceil(pairs / 200));
  });
});
