/**
 * Hit/no-hit (issue 17, item 3), as a property over randomised viewers and questions (fast-check):
 *
 *  1. Nothing at all of a restricted work that is NOT discoverable reaches any surface: every
 *     answer a viewer gets over the store equals the answer over a copy of the store from which
 *     those works (and every other hidden node that is not a discoverable work) were deleted.
 *  2. Of a discoverable work the viewer may not see, nothing but its kind, its owner's
 *     organisation kind and country and an opaque handle reaches them: no id, title, text or
 *     exact date of any hidden node appears in any output, and every `restricted` entry has
 *     exactly those four fields.
 *
 * Surfaces: the engine (who-solved, match-need, suggestions, consortium, trends, gaps, network),
 * the HTTP API through `app.inject` (who-solved, challenge matches, challenges, suggestions,
 * facets, trends, gaps: the dashboard's data), the bots (who-solved and match replies, rendered
 * as Slack blocks, Discord embeds and Matrix HTML) and the CLI's rendering of an answer.
 * Embedded backend, hybrid mode with the deterministic embedder.
 *
 * The property must be able to fail: the run counts the discoverable hits it saw and requires
 * some, so a store or generator that never exercises hit/no-hit is a failure, not a pass.
 */

import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/api/app.js';
import { TokenTable } from '../../app/api/tokens.js';
import { render as renderCli } from '../../app/cli/commands/match.js';
import { renderMessage } from '../../bots/discord/embeds.js';
import { renderHtml } from '../../bots/matrix/html.js';
import { renderBlocks } from '../../bots/slack/blocks.js';
import { seeded as prng } from '../../engine/analytics/network.js';
import { discoverKeyFile, HANDLE_PATTERN, loadDiscoverKey } from '../../engine/discover/index.js';
import type { Answer } from '../../engine/match/index.js';
import { nodeTexts } from '../../engine/match/text.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { GraphNode } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { canSee, type Viewer, viewerClass } from '../../graph/viewer.js';
import { createTestRuntime } from '../bots/helpers/runtime.js';
import { allNodes } from '../helpers/all-nodes.js';
import { embedWithFake, ingestDemo } from '../helpers/demo-engine.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { stable, tiesById } from './helpers/normalise.js';

const SEED = Number(process.env['ILEANET_DISCOVER_SEED'] ?? '17');
const RUNS = Number(process.env['ILEANET_DISCOVER_RUNS'] ?? '24');
const WORKS = ['Project', 'Result', 'Document'] as const;
const embedder = createFakeEmbedder({ dimensions: 64 });
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

interface Opened {
  readonly dir: string;
  readonly store: GraphStore;
  readonly engine: Engine;
  readonly app: FastifyInstance;
  readonly tokens: TokenTable;
  close(): Promise<void>;
}
/** A copy of `from` (graph and discover key) with `deleted` removed, embedded, behind an engine and the API. */
async function openCopy(from: string, deleted: readonly string[]): Promise<Opened> {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-disc-'));
  await cp(join(from, 'graph.sqlite'), join(dir, 'graph.sqlite'));
  // The same key, so both copies give a viewer the same handles.
  await copyFile(discoverKeyFile(from), discoverKeyFile(dir));
  const store = await openStore({ backend: 'embedded', dataDir: dir });
  if (deleted.length > 0) await store.deleteNodes(deleted);
  await embedWithFake(dir, store, embedder);
  const engine = await openEngine({ store, dataDir: dir, mode: 'hybrid', embedder, now: () => new Date('2026-06-01') });
  const tokens = new TokenTable([]);
  const app = await buildApp({ engine, tokens, log: { write: () => true } as unknown as NodeJS.WritableStream });
  await app.ready();
  return {
    dir,
    store,
    engine,
    app,
    tokens,
    async close() {
      await app.close();
      await engine.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function outcome(f: () => Promise<unknown>): Promise<unknown> {
  try {
    return stable(await f());
  } catch (e) {
    return { threw: (e as { code?: string }).code ?? (e as Error).message };
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}/u;

/** What must not appear for this viewer: ids, labels, long text fragments and exact dates of hidden nodes. */
function secretsFor(nodes: readonly GraphNode[], viewer: Viewer): string[] {
  const visible = nodes.filter((n) => canSee(viewer, n));
  const seen = visible.flatMap((n) => Object.values(n).filter((v): v is string => typeof v === 'string'));
  const seenText = seen.join('\n');
  const out = new Set<string>();
  for (const n of nodes) {
    if (canSee(viewer, n)) continue;
    out.add(n.id);
    for (const t of nodeTexts(n)) {
      const fragment = t.text.slice(0, 40);
      if (fragment.length >= 12 && !seenText.includes(fragment)) out.add(fragment);
    }
    for (const v of Object.values(n)) {
      if (typeof v === 'string' && DATE.test(v) && v.length >= 10 && !seenText.includes(v.slice(0, 10)))
        out.add(v.slice(0, 10));
    }
  }
  return [...out];
}

/** Every `restricted` array in an output, however deep. */
function restrictedEntries(x: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(x)) for (const v of x) restrictedEntries(v, into);
  else if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === 'restricted' && Array.isArray(v)) into.push(...v);
      else restrictedEntries(v, into);
    }
  }
  return into;
}

let base = '';
let seeded = '';
let stored: GraphNode[] = [];
let owners: string[] = [];
let orgs: string[] = [];
let words: string[] = [];
let challenges: string[] = [];
let full: Opened | undefined;
const copies = new Map<string, Promise<Opened>>();

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ileanet-disc-base-'));
  await ingestDemo(base);
  seeded = await mkdtemp(join(tmpdir(), 'ileanet-disc-seed-'));
  await cp(join(base, 'graph.sqlite'), join(seeded, 'graph.sqlite'));
  loadDiscoverKey(seeded);
  const store = await openStore({ backend: 'embedded', dataDir: seeded });
  const r = prng(SEED);
  const nodes = await allNodes(store);
  orgs = nodes.filter((n) => n.kind === 'Organisation').map((n) => n.id);
  owners = [...new Set(Array.from({ length: 4 }, () => pick(r, orgs)))];
  // Works: half restricted, half of those discoverable; some challenges and people restricted too
  // (never discoverable), so hidden non-works are in play as well.
  const relabelled = nodes.flatMap((n): GraphNode[] => {
    const { owner: _owner, discoverable: _d, ...rest } = n as GraphNode & { owner?: string; discoverable?: boolean };
    if ((WORKS as readonly string[]).includes(n.kind) && r() < 0.5) {
      return [
        {
          ...rest,
          visibility: 'restricted',
          owner: pick(r, owners),
          ...(r() < 0.5 ? { discoverable: true } : {}),
        } as GraphNode,
      ];
    }
    if ((n.kind === 'Challenge' || n.kind === 'Person') && r() < 0.2)
      return [{ ...rest, visibility: 'restricted', owner: pick(r, owners) } as GraphNode];
    return [];
  });
  await store.upsert({ nodes: relabelled });
  stored = await allNodes(store);
  await store.close();
  // Questions are drawn from the hidden works' own words: those are what a leak would answer to.
  words = [
    ...new Set(
      stored
        .filter((n) => n.visibility === 'restricted')
        .flatMap((n) => nodeTexts(n).flatMap((t) => t.text.split(/[^\p{L}\p{N}]+/u)))
        .filter((w) => w.length > 3),
    ),
  ].sort();
  challenges = stored.filter((n) => n.kind === 'Challenge').map((n) => n.id);
  full = await openCopy(seeded, []);
}, 300_000);

afterAll(async () => {
  await full?.close();
  for (const c of copies.values()) await (await c).close();
  for (const d of [base, seeded]) if (d !== '') await rm(d, { recursive: true, force: true });
});

/** The store without what this viewer may not see, discoverable works excepted (they stay, hidden, in both). */
function copyFor(viewer: Viewer): Promise<Opened> {
  const key = viewerClass(viewer);
  let c = copies.get(key);
  if (c === undefined) {
    const deleted = stored
      .filter((n) => !canSee(viewer, n))
      .filter((n) => !((n as { discoverable?: boolean }).discoverable === true && n.visibility === 'restricted'))
      .map((n) => n.id);
    c = openCopy(seeded, deleted);
    copies.set(key, c);
  }
  return c;
}

describe('hit/no-hit: discoverable restricted work shows its existence only; the rest stays invisible', () => {
  it('over randomised viewers and questions, on every surface', async () => {
    const tally = { runs: 0, compared: 0, restrictedShown: 0, guestsOrAll: 0 };
    const viewerArb = fc.record({
      n: fc.integer({ min: 0, max: 1_000_000 }),
      clearance: fc.constantFrom('public', 'network', 'network', 'network', 'all'),
      orgs: fc.subarray([0, 1, 2, 3, 4]),
      extra: fc.boolean(),
    });
    const questionArb = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(viewerArb, questionArb, fc.nat(), async (v, q, c) => {
        const opened = full as Opened;
        const viewer: Viewer = {
          id: `viewer-${v.n}`,
          clearance: v.clearance as Viewer['clearance'],
          orgs: [
            ...new Set([
              ...v.orgs.flatMap((i) => (owners[i] === undefined ? [] : [owners[i]])),
              ...(v.extra ? [orgs[v.n % orgs.length] as string] : []),
            ]),
          ],
        };
        const text = q.map((i) => words[i % words.length]).join(' ');
        // A challenge the viewer sees: naming a hidden one would echo its id back in the 404, which is the caller's own input.
        const seeable = challenges.filter((id) => canSee(viewer, stored.find((n) => n.id === id) as GraphNode));
        const challenge = seeable[c % seeable.length] as string;
        const only = await copyFor(viewer);
        const secrets = secretsFor(stored, viewer);
        tally.runs++;
        if (viewer.clearance !== 'network') tally.guestsOrAll++;

        const engineAsks: [string, (e: Engine) => Promise<unknown>][] = [
          ['who-solved', (e) => e.whoSolved(text, { mode: 'hybrid' }, viewer)],
          ['who-solved lexical', (e) => e.whoSolved(text, { mode: 'lexical', kinds: ['Result', 'Project'] }, viewer)],
          ['match', (e) => e.matchNeed(challenge, viewer, { mode: 'hybrid' })],
          ['suggest', (e) => e.suggest({ for: { country: 'FR' }, limit: 5 }, viewer)],
          ['consortium', (e) => e.consortium(challenge, {}, viewer)],
          ['trends', (e) => e.trends({}, viewer)],
          ['gaps', (e) => e.gaps({}, viewer)],
          ['network', (e) => e.network({}, viewer)],
        ];
        const token = `ilt_disc_${v.n}_${tally.runs}`;
        opened.tokens.addSession(token, viewer, Date.now() + 600_000);
        only.tokens.addSession(token, viewer, Date.now() + 600_000);
        const api = (o: Opened, url: string) => async () => {
          const res = await o.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
          return { status: res.statusCode, body: res.json() as unknown };
        };
        const routes = [
          `/api/who-solved?text=${encodeURIComponent(text)}&mode=hybrid`,
          `/api/challenges/${encodeURIComponent(challenge)}/matches?mode=hybrid`,
          '/api/challenges',
          '/api/suggestions?country=FR',
          '/api/facets',
          '/api/trends',
          '/api/gaps',
        ];
        const outputs: unknown[] = [];
        const compare = (what: string, a: unknown, b: unknown) => {
          tally.compared++;
          outputs.push(a);
          expect(tiesById(a), `${what} for ${JSON.stringify(viewer)}, "${text}"`).toEqual(tiesById(b));
        };
        for (const [what, ask] of engineAsks) {
          compare(what, await outcome(() => ask(opened.engine)), await outcome(() => ask(only.engine)));
        }
        for (const url of routes) {
          compare(`GET ${url}`, await outcome(api(opened, url)), await outcome(api(only, url)));
        }
        // The CLI's rendering of the engine's answer (the CLI adds the same `restricted` part).
        const answer = (await opened.engine.whoSolved(text, { mode: 'hybrid' }, viewer)) as Answer;
        outputs.push(renderCli(answer, undefined));
        // The bots, in a direct conversation (where restricted hits are shown), as a user mapped to this viewer.
        for (const engine of [opened.engine]) {
          const bots = await createTestRuntime(engine, {
            roles: { tester: { clearance: viewer.clearance, permissions: ['read', 'help'] } },
            identities: { 'test:u1': { role: 'tester', orgs: [...viewer.orgs] } },
          });
          try {
            for (const line of [`who-solved ${text} --all`, `who-solved ${text}`, `match ${challenge}`]) {
              const out = await bots.runtime.handle({
                platform: 'test',
                user: { id: 'u1' },
                conversation: { id: 'dm1', dm: true },
                via: 'slash',
                text: line,
              });
              const r = (out as { reply?: Parameters<typeof renderBlocks>[0] }).reply;
              outputs.push(out);
              if (r !== undefined)
                outputs.push(
                  renderBlocks(r),
                  renderMessage(r, (c) => c),
                  renderHtml(r, '/ileanet'),
                );
            }
          } finally {
            await bots.close();
          }
        }

        const all = JSON.stringify(outputs);
        const leaked = secrets.filter((s) => all.includes(s));
        expect(leaked, `hidden fields reached ${JSON.stringify(viewer)} for "${text}"`).toEqual([]);
        for (const entry of restrictedEntries(outputs)) {
          tally.restrictedShown++;
          expect(Object.keys(entry as object).sort()).toEqual(['country', 'handle', 'kind', 'orgKind']);
          const e = entry as { handle: string; kind: string };
          expect(e.handle).toMatch(HANDLE_PATTERN);
          expect(WORKS).toContain(e.kind);
          expect(viewer.clearance).toBe('network');
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(
      `hit/no-hit property: ${tally.runs} viewers×questions, ${tally.compared} answers compared, ${tally.restrictedShown} restricted entries shown, ${copies.size} store copies`,
    );
    // Not vacuous: the generator must have reached discoverable hits, and guests or clearance `all`.
    expect(tally.restrictedShown).toBeGreaterThan(0);
    expect(tally.guestsOrAll).toBeGreaterThan(0);
  }, 900_000);
});
