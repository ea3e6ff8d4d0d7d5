/**
 * Hit/no-hit on every surface, with a canary (issue 17, item 3), over the embedded store and a
 * real Neo4j. Each run (fast-check) draws a viewer and a restricted work (its kind, owner,
 * whether it is discoverable, its date; or a restricted challenge or event, never discoverable)
 * whose title and text carry marker words found nowhere else, and asks every surface twice:
 * before the work is written and after.
 *
 * For a viewer who may not see the work:
 *  - its marker words, its id and its exact date appear in no output;
 *  - every answer is the same before and after (so no count, total, facet, rank or 404 moves),
 *    except that a discoverable work may add one `restricted` entry to who-solved and match
 *    answers, with exactly its kind, its owner's organisation kind and country and a handle;
 *    and when the question holds the work's words a vetted member does get that entry.
 * For a viewer who may see it, the marker words and id do appear (the test cannot pass
 * vacuously), and across the runs some count moves when the work is added.
 *
 * Surfaces: every GET route of the OpenAPI document, walked with the drawn viewer (the
 * dashboard's data and its downloads, which are tables of those answers, and the report it
 * downloads); the engine's answers and exports (report, INC digest); the bots' replies to
 * who-solved, match, suggest, gaps, trends, brief, consortium, events and status, rendered by the
 * three adapters' renderers; the alerts the canary's change records make for subscriptions (a
 * query, its topic, its owner's country) holding the viewer's sight; and the CLI's commands, run
 * in-process as a user runs them, on fewer runs (each opens the store and an engine).
 *
 * Not here: `ileanet stats`, the operator's count of the whole store (read as SYSTEM, no viewer).
 * ILEANET_CANARY_RUNS / _CLI_RUNS / _SEED change the runs; ILEANET_CANARY_TIMES=1 prints each route's time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/api/app.js';
import { TokenTable } from '../../app/api/tokens.js';
import { main as cli } from '../../app/cli/main.js';
import { renderMessage } from '../../bots/discord/embeds.js';
import { renderHtml } from '../../bots/matrix/html.js';
import { renderBlocks } from '../../bots/slack/blocks.js';
import { demoSource } from '../../datasets/demo/index.js';
import { buildDigest, digestMarkdown } from '../../engine/digest/index.js';
import { HANDLE_PATTERN } from '../../engine/discover/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { alertsFor, subscriberViewer } from '../../engine/notify/index.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { GraphNode, GraphRel } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { canSee, type Viewer } from '../../graph/viewer.js';
import { createTestRuntime } from '../bots/helpers/runtime.js';
import { allNodes } from '../helpers/all-nodes.js';
import { embedWithFake } from '../helpers/demo-engine.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { neo4jTestDatabase, type ProcessBackend, processBackends } from '../helpers/neo4j.js';
import { stable, tiesById } from './helpers/normalise.js';

const SEED = Number(process.env['ILEANET_CANARY_SEED'] ?? '1717');
/**
 * Runs over the API, engine, exports and bots: about 3 s each on the embedded store and 14 s on
 * Neo4j (2 shared cores), so Neo4j gets fewer. The CLI gets CLI_RUNS: each command opens the
 * store and an engine, about 4 s a run embedded and 14 s on Neo4j.
 */
const runsOf = (backend: string): number =>
  Number(process.env['ILEANET_CANARY_RUNS'] ?? (backend === 'neo4j' ? '5' : '10'));
const CLI_RUNS = Number(process.env['ILEANET_CANARY_CLI_RUNS'] ?? '4');
const WORKS = ['Project', 'Result', 'Document'] as const;
/** Works (which may be discoverable) and, never discoverable, a challenge and an event: their counts are the gaps' and the agenda's. */
const CANARY_KINDS = [...WORKS, 'Challenge', 'Event'] as const;
const NOW = new Date('2026-06-01');
const embedder = createFakeEmbedder({ dimensions: 64 });
/** The same answer without its `restricted` parts (what a discoverable work may add). */
function withoutRestricted(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutRestricted);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(
    Object.entries(x)
      .filter(([k]) => k !== 'restricted')
      .map(([k, v]) => [k, withoutRestricted(v)]),
  );
}

/** Every `restricted` array entry in an output, however deep. */
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

async function outcome(f: () => Promise<unknown>): Promise<unknown> {
  try {
    return stable(await f());
  } catch (e) {
    return { threw: (e as { code?: string }).code ?? (e as Error).message };
  }
}

/** Letters only, so every tokenizer keeps a marker whole; `n` makes it unique to the run. */
function marker(n: number, salt: number): string {
  let s = '';
  let x = n * 7919 + salt * 104_729 + 12_345;
  for (let i = 0; i < 6; i++) {
    s += String.fromCharCode(97 + (x % 26));
    x = Math.floor(x / 26) + i * 31;
  }
  return `qz${s}xv`;
}

/** One output of a surface, and whether it is an answer a discoverable work may add a `restricted` entry to. */
interface Output {
  readonly surface: string;
  readonly value: unknown;
  /** who-solved and match answers: a discoverable work shows there as a restricted entry. */
  readonly showsRestricted: boolean;
  /** A rendering (text) rather than data: compared before/after only when no restricted entry may differ. */
  readonly rendered: boolean;
  /** A request naming the canary's id: its output echoes the caller's own input, so the id is not a secret there. */
  readonly namesCanary: boolean;
  /** Diagnostics (the CLI's standard error: read-model catch-up lines): searched for the canary, not compared. */
  readonly log?: string;
}

interface World {
  readonly backend: ProcessBackend;
  readonly dir: string;
  readonly store: GraphStore;
  readonly engine: Engine;
  readonly app: FastifyInstance;
  readonly tokens: TokenTable;
  readonly nodes: GraphNode[];
  readonly gets: { path: string; required: string[] }[];
}

interface Canary {
  readonly node: GraphNode;
  readonly rels: GraphRel[];
  readonly markers: string[];
  readonly date: string;
  readonly challenge: string;
  readonly ownerOrg: GraphNode & { kind: 'Organisation' };
}

const ofKind = (w: World, kind: string) => w.nodes.filter((n) => n.kind === kind);

async function openWorld(backend: ProcessBackend): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), `ileanet-canary-${backend.name}-`));
  await backend.reset();
  const store = await openStore(backend.config(dir));
  const summary = await runIngest(store, demoSource());
  if (summary.rejected > 0) throw new Error(`the demo dataset had ${summary.rejected} rejected records`);
  await embedWithFake(dir, store, embedder);
  const engine = await openEngine({ store, dataDir: dir, mode: 'hybrid', embedder, now: () => NOW });
  const tokens = new TokenTable([]);
  const app = await buildApp({ engine, tokens });
  await app.ready();
  const doc = app.swagger() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>>;
  };
  const gets = Object.entries(doc.paths).flatMap(([path, ops]) =>
    ops['get'] === undefined
      ? []
      : [
          {
            path,
            required: (ops['get'].parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
          },
        ],
  );
  return { backend, dir, store, engine, app, tokens, nodes: await allNodes(store), gets };
}

/** A restricted node whose words, id and date are found nowhere else, tied to an owner, a topic and (a work) a challenge. */
function canaryOf(
  w: World,
  run: number,
  draw: { kind: number; owner: number; topic: number; challenge: number; day: number; discoverable: boolean },
  owners: readonly (GraphNode & { kind: 'Organisation' })[],
): Canary {
  const kind = CANARY_KINDS[draw.kind % CANARY_KINDS.length] as (typeof CANARY_KINDS)[number];
  const work = (WORKS as readonly string[]).includes(kind);
  const ownerOrg = owners[draw.owner % owners.length] as GraphNode & { kind: 'Organisation' };
  const topics = ofKind(w, 'Topic');
  const topic = topics[draw.topic % topics.length] as GraphNode;
  const challenges = ofKind(w, 'Challenge').filter((c) => c.visibility !== 'restricted');
  const challenge = challenges[draw.challenge % challenges.length] as GraphNode & { title: string };
  const markers = [marker(run, 1), marker(run, 2), marker(run, 3)];
  const date = new Date(Date.UTC(2021, 0, 1) + draw.day * 86_400_000).toISOString().slice(0, 10);
  const id = `canary:${kind.toLowerCase()}:${markers[0]}`;
  const text = `${markers[1]} answers ${challenge.title}`;
  const common = {
    id,
    visibility: 'restricted' as const,
    owner: ownerOrg.id,
    date,
    ...(draw.discoverable && work ? { discoverable: true } : {}),
  };
  const node = (
    kind === 'Project'
      ? {
          ...common,
          kind,
          title: `${markers[0]} ${markers[2]} programme`,
          acronym: markers[2]?.toUpperCase(),
          objective: text,
          startDate: date,
          keywords: [markers[2]],
        }
      : kind === 'Result'
        ? { ...common, kind, title: `${markers[0]} ${markers[2]} prototype`, description: text, trl: 7 }
        : kind === 'Document'
          ? { ...common, kind, title: `${markers[0]} ${markers[2]} report`, summary: text }
          : kind === 'Challenge'
            ? {
                ...common,
                kind,
                title: `${markers[0]} ${markers[2]} need`,
                description: text,
                status: 'open',
                country: ownerOrg.country,
                keywords: [markers[2]],
              }
            : {
                ...common,
                kind,
                title: `${markers[0]} ${markers[2]} workshop`,
                description: text,
                online: false,
                country: ownerOrg.country,
                // Upcoming, so the agenda and the digest would list it.
                date: new Date(NOW.getTime() + draw.day * 3_600_000).toISOString().slice(0, 10),
              }
  ) as GraphNode;
  const owned = {
    Project: { type: 'PARTICIPATED_IN', from: ownerOrg.id, to: id, role: 'coordinator', date },
    Result: { type: 'PRODUCED', from: ownerOrg.id, to: id, date },
    Document: { type: 'PRODUCED', from: ownerOrg.id, to: id, date },
    Challenge: { type: 'RAISED', from: ownerOrg.id, to: id, date },
    Event: { type: 'ORGANISED', from: ownerOrg.id, to: id },
  }[kind] as GraphRel;
  const rels: GraphRel[] = [
    owned,
    { type: 'ABOUT', from: id, to: topic.id } as GraphRel,
    ...(work ? [{ type: 'ADDRESSES', from: id, to: challenge.id } as GraphRel] : []),
  ];
  return { node, rels, markers, date: (node as { date: string }).date, challenge: challenge.id, ownerOrg };
}

/** Every GET route of the OpenAPI document, with the query strings and ids each is asked with. */
function routeAsks(w: World, c: Canary, question: string): { url: string; namesCanary: boolean; shows: boolean }[] {
  const q = encodeURIComponent(question);
  const country = c.ownerOrg.country ?? 'FR';
  const visibleOf = (kind: string) => ofKind(w, kind).find((n) => n.visibility === 'public')?.id;
  const ids: Record<string, (string | undefined)[]> = {
    challenges: [c.challenge],
    polls: [visibleOf('Poll')],
    surveys: [visibleOf('Survey')],
    events: [visibleOf('Event')],
    people: [visibleOf('Person')],
    results: [visibleOf('Result')],
    projects: [visibleOf('Project')],
    persons: [visibleOf('Person')],
  };
  const queries: Record<string, string[]> = {
    '/api/who-solved': [
      `text=${q}`,
      `text=${q}&mode=lexical&kinds=Project&kinds=Result&kinds=Document`,
      `text=${q}&country=${country}&orgKind=${c.ownerOrg.orgKind}`,
    ],
    '/api/challenges/{id}/matches': ['', 'mode=lexical'],
    '/api/challenges': ['', `country=${country}`],
    '/api/trends': ['', 'by=country', 'unit=quarter', `country=${country}`],
    '/api/gaps': ['', `country=${country}`],
    '/api/network': ['', `country=${country}`],
    '/api/suggestions': [`country=${country}`, `organisation=${encodeURIComponent(c.ownerOrg.id)}`],
    '/api/consortium': [`challenge=${encodeURIComponent(c.challenge)}`],
  };
  const out: { url: string; namesCanary: boolean; shows: boolean }[] = [];
  for (const route of w.gets) {
    const qs = queries[route.path] ?? [''];
    // A query parameter the document requires and this walk does not give would be a route it never really asked.
    for (const name of route.required) {
      if (!qs.every((s) => s.split('&').some((p) => p.startsWith(`${name}=`))))
        throw new Error(`GET ${route.path} requires ${name}: give it a value in routeAsks`);
    }
    const shows = route.path === '/api/who-solved' || route.path === '/api/challenges/{id}/matches';
    const segment = /^\/api\/(?:admin\/)?([a-z-]+)\//u.exec(route.path)?.[1];
    const paths: { path: string; namesCanary: boolean }[] = route.path.includes('{id}')
      ? [
          ...(ids[segment ?? ''] ?? []).flatMap((id) =>
            id === undefined ? [] : [{ path: route.path.replace('{id}', encodeURIComponent(id)), namesCanary: false }],
          ),
          // The canary's own id: before it is written it names nothing, after it names a hidden work; same answer.
          { path: route.path.replace('{id}', encodeURIComponent(c.node.id)), namesCanary: true },
        ]
      : [{ path: route.path, namesCanary: false }];
    for (const p of paths) for (const s of qs) out.push({ url: s === '' ? p.path : `${p.path}?${s}`, ...p, shows });
  }
  return out;
}

/** What every surface but the CLI answers this viewer. */
async function surfaces(w: World, c: Canary, viewer: Viewer, question: string, token: string): Promise<Output[]> {
  const out: Output[] = [];
  const add = (surface: string, value: unknown, o: Partial<Omit<Output, 'surface' | 'value'>> = {}) =>
    out.push({ surface, value, showsRestricted: false, rendered: false, namesCanary: false, ...o });

  for (const ask of routeAsks(w, c, question)) {
    const t0 = Date.now();
    const res = await w.app.inject({ method: 'GET', url: ask.url, headers: { authorization: `Bearer ${token}` } });
    const type = String(res.headers['content-type'] ?? '');
    const body = type.includes('json') ? stable(res.json()) : res.body;
    if (process.env['ILEANET_CANARY_TIMES'] === '1') console.log(`${Date.now() - t0} ms GET ${ask.url.slice(0, 60)}`);
    add(
      `GET ${ask.url}`,
      { status: res.statusCode, body },
      { showsRestricted: ask.shows, namesCanary: ask.namesCanary },
    );
  }

  const engineAsks: [string, boolean, () => Promise<unknown>][] = [
    ['engine who-solved', true, () => w.engine.whoSolved(question, { mode: 'hybrid' }, viewer)],
    ['engine match', true, () => w.engine.matchNeed(c.challenge, viewer, { mode: 'hybrid' })],
    ['engine suggest', false, () => w.engine.suggest({ for: { organisation: c.ownerOrg.id }, limit: 10 }, viewer)],
    ['engine consortium', false, () => w.engine.consortium(c.challenge, {}, viewer)],
    ['engine trends', false, () => w.engine.trends({ by: 'country' }, viewer)],
    ['engine gaps', false, () => w.engine.gaps({}, viewer)],
    ['engine network', false, () => w.engine.network({}, viewer)],
    ['engine polls', false, () => w.engine.polls(viewer)],
    ['report (Markdown export)', false, () => w.engine.report(viewer)],
  ];
  for (const [surface, shows, ask] of engineAsks) add(surface, await outcome(ask), { showsRestricted: shows });

  // The weekly digest of the INC of the owner's country (its own viewer: a vetted member of the INC).
  const inc = ofKind(w, 'Inc').find((n) => (n as { country?: string }).country === c.ownerOrg.country);
  if (inc !== undefined) {
    const digest = await outcome(() =>
      buildDigest({ store: w.store, suggest: (query, v) => w.engine.suggest(query, v) }, inc.id, {
        since: '2020-01-01T00:00:00.000Z',
        now: NOW.toISOString(),
      }),
    );
    add('digest', digest);
    if (typeof digest === 'object' && digest !== null && !('threw' in digest))
      add('digest Markdown', digestMarkdown(digest as Parameters<typeof digestMarkdown>[0]), { rendered: true });
  }

  // The bots, in a direct conversation (where restricted hits are shown), as a user mapped to this viewer.
  const bots = await createTestRuntime(w.engine, {
    roles: { tester: { clearance: viewer.clearance, permissions: ['read', 'help'] } },
    identities: { 'test:u1': { role: 'tester', orgs: [...viewer.orgs] } },
    // Room for every command of one ask: a refusal would hide the answer this test reads.
    rateLimit: { max: 100, windowSeconds: 60 },
  });
  try {
    const lines: [string, boolean][] = [
      [`who-solved ${question}`, true],
      [`who-solved ${question} --all`, true],
      [`match ${c.challenge}`, true],
      [`suggest --org ${c.ownerOrg.id}`, false],
      [`suggest --country ${c.ownerOrg.country ?? 'FR'}`, false],
      ['gaps', false],
      ['trends', false],
      ['trends --by country', false],
      ['brief', false],
      [`consortium ${c.challenge}`, false],
      ['events', false],
      [`status ${c.challenge}`, false],
    ];
    for (const [line, shows] of lines) {
      const reply = await bots.runtime.handle({
        platform: 'test',
        user: { id: 'u1' },
        conversation: { id: 'dm1', dm: true },
        via: 'slash',
        text: line,
      });
      // The reply's own id is per request; a restricted hit is already rendered text in its sections.
      const { id: _id, ...answer } = reply as { id?: string };
      add(`bot ${line}`, stable(answer), { showsRestricted: shows, rendered: shows });
      const r = (reply as { reply?: Parameters<typeof renderBlocks>[0] }).reply;
      if (r !== undefined) {
        add(`slack ${line}`, renderBlocks(r), { showsRestricted: shows, rendered: true });
        add(
          `discord ${line}`,
          renderMessage(r, (x) => x),
          { showsRestricted: shows, rendered: true },
        );
        add(`matrix ${line}`, renderHtml(r, '/ileanet'), { showsRestricted: shows, rendered: true });
      }
    }
  } finally {
    await bots.close();
  }
  return out;
}

/** The CLI as a user runs it (in-process: the same `main` as bin/ileanet.js), its standard output and error. */
async function runCli(w: World, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  const before = process.exitCode;
  try {
    // As of the day the engine above is pinned to: before and after are seconds apart, and recency
    // read from the system clock moves a score across a rounding edge now and then.
    const code = await cli([
      '--data',
      w.dir,
      '--backend',
      w.backend.name === 'neo4j' ? 'neo4j' : 'embedded',
      '--as-of',
      NOW.toISOString().slice(0, 10),
      ...args,
    ]);
    return { code, out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = before;
  }
}

async function cliSurfaces(w: World, c: Canary, viewer: Viewer, question: string): Promise<Output[]> {
  const as = ['--clearance', viewer.clearance, ...viewer.orgs.flatMap((o) => ['--org', o])];
  const inc = ofKind(w, 'Inc').find((n) => (n as { country?: string }).country === c.ownerOrg.country);
  const commands: [string[], boolean][] = [
    [['who-solved', question, '--mode', 'lexical', ...as], true],
    [['who-solved', question, '--mode', 'lexical', '--json', ...as], true],
    [['match', c.challenge, '--mode', 'lexical', ...as], true],
    [['trends', '--by', 'country', ...as], false],
    [['gaps', '--json', ...as], false],
    [['network', ...as], false],
    // `suggest --org` is both whom for and whose member the viewer is (its only --org): as the viewer.
    [
      viewer.orgs.length > 0
        ? ['suggest', ...viewer.orgs.flatMap((o) => ['--org', o]), '--clearance', viewer.clearance]
        : ['suggest', '--country', c.ownerOrg.country ?? 'FR', '--clearance', viewer.clearance],
      false,
    ],
    [['consortium', c.challenge, ...as], false],
    [['report', ...as], false],
    ...(inc === undefined
      ? []
      : [
          [['digest', '--inc', inc.id, '--since', '600w', '--until', NOW.toISOString(), '--format', 'json'], false] as [
            string[],
            boolean,
          ],
        ]),
  ];
  const out: Output[] = [];
  for (const [args, shows] of commands) {
    const r = await runCli(w, args);
    // Every command answers: a usage error before and after would compare equal and prove nothing.
    expect(r.code, `ileanet ${args.join(' ')}: ${r.err}`).toBe(0);
    const json = args.includes('--json') || args.includes('json');
    // Timings in the text ("lexical; 50.8 ms") differ between any two runs.
    const value = json && r.code === 0 ? stable(JSON.parse(r.out)) : r.out.replace(/\d+(?:\.\d+)? ms\b/gu, '… ms');
    out.push({
      surface: `cli ${args.slice(0, 2).join(' ')}`,
      value: { code: r.code, out: value },
      log: r.err,
      showsRestricted: shows,
      rendered: !json,
      namesCanary: false,
    });
  }
  return out;
}

const discoverable = (n: GraphNode): boolean => (n as { discoverable?: boolean }).discoverable === true;
/** The who-solved answers as data (the API's, the CLI's --json): where a discoverable canary must show. */
const asksWhoSolved = (o: Output): boolean =>
  o.surface.startsWith('GET /api/who-solved') || o.surface.startsWith('cli who-solved');
const textOf = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));
const occurrences = (text: string, word: string): number => text.split(word).length - 1;

interface Tally {
  runs: number;
  blind: number;
  seers: number;
  restrictedShown: number;
  countsMoved: number;
  outputs: number;
  alerted: number;
}

/** The property's assertions over one run's outputs before and after the canary was written. */
function judge(c: Canary, viewer: Viewer, before: Output[], after: Output[], tally: Tally, what: string): void {
  tally.outputs += after.length;
  expect(after.map((o) => o.surface)).toEqual(before.map((o) => o.surface));
  const sees = canSee(viewer, c.node);
  const shown = discoverable(c.node) && viewer.clearance === 'network' && !sees;
  if (sees) {
    tally.seers++;
    // Not vacuous: the surfaces that list works do show this one to a viewer who may see it.
    const shows = (outputs: Output[]) => textOf(outputs.map((o) => o.value));
    expect(
      occurrences(shows(after), c.markers[0] as string),
      `${what}: the canary's words, to a viewer who may see it`,
    ).toBeGreaterThan(occurrences(shows(before), c.markers[0] as string));
    expect(shows(after), `${what}: the canary's id, to a viewer who may see it`).toContain(c.node.id);
    for (let i = 0; i < after.length; i++) {
      const a = after[i] as Output;
      if (!a.showsRestricted && JSON.stringify(a.value) !== JSON.stringify((before[i] as Output).value)) {
        tally.countsMoved++;
        break;
      }
    }
    return;
  }
  tally.blind++;
  const date = c.date;
  const unique = !JSON.stringify(before.map((o) => o.value)).includes(date);
  for (let i = 0; i < after.length; i++) {
    const a = after[i] as Output;
    const text = textOf(a.value) + (a.log ?? '');
    const was = textOf((before[i] as Output).value) + ((before[i] as Output).log ?? '');
    // Markers the question holds are echoed back as the caller's own words: no more of them than before.
    for (const m of c.markers)
      expect(occurrences(text, m), `${what}: ${a.surface} shows the canary's words`).toBe(occurrences(was, m));
    if (!a.namesCanary) expect(text, `${what}: ${a.surface} shows the canary's id`).not.toContain(c.node.id);
    if (unique) expect(text, `${what}: ${a.surface} shows the canary's date`).not.toContain(date);
  }
  for (let i = 0; i < after.length; i++) {
    const a = after[i] as Output;
    const b = before[i] as Output;
    if (shown && a.showsRestricted) {
      if (a.rendered) continue;
      expect(tiesById(withoutRestricted(a.value)), `${what}: ${a.surface}`).toEqual(
        tiesById(withoutRestricted(b.value)),
      );
    } else {
      expect(tiesById(a.value), `${what}: ${a.surface} changed when a work it may not see was added`).toEqual(
        tiesById(b.value),
      );
    }
  }
  const entries = restrictedEntries(after.map((o) => o.value));
  for (const entry of entries) {
    expect(Object.keys(entry as object).sort(), what).toEqual(['country', 'handle', 'kind', 'orgKind']);
    expect((entry as { handle: string }).handle).toMatch(HANDLE_PATTERN);
  }
  if (shown) {
    // The question holds the canary's words: a vetted member is told it exists, and by whom, on who-solved.
    const mine = restrictedEntries(after.filter((o) => asksWhoSolved(o)).map((o) => o.value));
    const before0 = restrictedEntries(before.filter((o) => asksWhoSolved(o)).map((o) => o.value));
    expect(mine.length, `${what}: the discoverable canary as a restricted hit`).toBeGreaterThan(before0.length);
    expect(mine).toContainEqual(
      expect.objectContaining({
        kind: c.node.kind,
        orgKind: c.ownerOrg.orgKind,
        country: c.ownerOrg.country ?? null,
      }),
    );
    tally.restrictedShown++;
  }
}

/** A person's subscriptions that see what this viewer sees (never more than `network`, as subscribe() stores them). */
function subscriptionsOf(w: World, c: Canary, viewer: Viewer, question: string, run: number): GraphNode[] {
  const person = ofKind(w, 'Person').find((n) => n.visibility === 'public') as GraphNode;
  const topic = c.rels.find((r) => r.type === 'ABOUT')?.to as string;
  const subjects: [string, string][] = [
    ['query', question],
    ['topic', topic],
    ['country', c.ownerOrg.country ?? 'FR'],
  ];
  return subjects.map(
    ([subject, value]) =>
      ({
        kind: 'Subscription',
        id: `canary:subscription:${run}:${subject}`,
        visibility: 'restricted',
        owner: person.id,
        date: NOW.toISOString(),
        subscriber: person.id,
        createdBy: person.id,
        subject,
        value,
        createdAt: NOW.toISOString(),
        clearance: viewer.clearance === 'public' ? 'public' : 'network',
        orgs: [...viewer.orgs],
      }) as unknown as GraphNode,
  );
}

/** Alerts: nothing at all about the canary to a subscriber who may not see it; an alert to one who may. */
function judgeAlerts(c: Canary, subscriptions: readonly GraphNode[], notices: readonly unknown[], tally: Tally): void {
  const text = JSON.stringify(notices);
  const sees = subscriptions.some((s) => canSee(subscriberViewer(s as Parameters<typeof subscriberViewer>[0]), c.node));
  if (!sees) {
    expect(notices, `alerts of ${c.node.id} to subscribers who may not see it`).toEqual([]);
    return;
  }
  expect(text, `an alert of ${c.node.id} to a subscriber who may see it`).toContain(c.markers[0]);
  tally.alerted++;
}

const db = await neo4jTestDatabase();
afterAll(async () => {
  await db.close();
});

for (const backend of processBackends('hit/no-hit on every surface', db)) {
  describe(`hit/no-hit on every surface, with a canary: ${backend.name}`, () => {
    let w: World | undefined;
    let owners: (GraphNode & { kind: 'Organisation' })[] = [];
    let words: string[] = [];
    beforeAll(async () => {
      w = await openWorld(backend);
      const orgs = ofKind(w, 'Organisation') as (GraphNode & { kind: 'Organisation' })[];
      // Owners of different kinds and countries, so the restricted entry's two fields vary.
      owners = [...new Map(orgs.map((o) => [`${o.orgKind}/${o.country ?? ''}`, o])).values()].slice(0, 6);
      // Words of the demo's visible work: a question holds one beside the canary's, so it also finds real hits.
      words = ['drone', 'prison', 'forensic', 'cyber', 'border', 'detection'];
    }, 600_000);
    afterAll(async () => {
      if (w === undefined) return;
      await w.app.close();
      await w.engine.close();
      await w.store.close();
      if (backend.name === 'neo4j') await backend.reset();
      await rm(w.dir, { recursive: true, force: true });
    });

    // The viewer is of the canary's owner when `owns` is 0: one in four, one in two on the CLI's fewer runs.
    const viewerArb = (owners: number) =>
      fc.record({
        clearance: fc.constantFrom('public', 'network', 'network', 'network', 'all'),
        owns: fc.nat({ max: owners - 1 }),
        other: fc.nat(),
      });
    const canaryArb = fc.record({
      kind: fc.nat(),
      owner: fc.nat(),
      topic: fc.nat(),
      challenge: fc.nat(),
      day: fc.integer({ min: 0, max: 1_600 }),
      discoverable: fc.boolean(),
    });
    const questionArb = fc.record({ markers: fc.subarray([0, 1, 2], { minLength: 1 }), extra: fc.nat() });

    const property = async (
      runs: number,
      ask: (world: World, c: Canary, viewer: Viewer, question: string, token: string) => Promise<Output[]>,
      label: string,
    ) => {
      const world = w as World;
      const tally: Tally = { runs: 0, blind: 0, seers: 0, restrictedShown: 0, countsMoved: 0, outputs: 0, alerted: 0 };
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(viewerArb(label === 'cli' ? 2 : 4), canaryArb, questionArb, async (v, draw, qd) => {
          const run = ++tally.runs + (label === 'cli' ? 10_000 : 0);
          const c = canaryOf(world, run, draw, owners);
          const other = owners[v.other % owners.length] as GraphNode;
          const orgs = v.owns === 0 ? [c.ownerOrg.id] : other.id === c.ownerOrg.id ? [] : [other.id];
          const viewer: Viewer = { id: `viewer-${label}-${run}`, clearance: v.clearance as Viewer['clearance'], orgs };
          const question = [...qd.markers.map((i) => c.markers[i]), words[qd.extra % words.length]].join(' ');
          const token = `ilt_canary_${label}_${run}`;
          world.tokens.addSession(token, viewer, Date.now() + 3_600_000);
          // Subscriptions as this viewer (a query on the question, the canary's topic, the owner's country): the alerts surface.
          const subscriptions = label === 'cli' ? [] : subscriptionsOf(world, c, viewer, question, run);
          if (subscriptions.length > 0) await world.store.upsert({ nodes: subscriptions });
          const before = await ask(world, c, viewer, question, token);
          const head = (await world.store.feedInfo()).head;
          await world.store.upsert({ nodes: [c.node], relationships: c.rels });
          try {
            const after = await ask(world, c, viewer, question, token);
            if (subscriptions.length > 0) {
              const records = (await world.store.changes(head, 1_000)).changes;
              const notices = await alertsFor(
                { store: world.store, whoSolved: (t, f, v) => world.engine.whoSolved(t, f, v), now: () => NOW },
                records,
              );
              judgeAlerts(c, subscriptions, notices, tally);
            }
            judge(
              c,
              viewer,
              before,
              after,
              tally,
              `${label} run ${run} ${JSON.stringify(viewer)} "${question}" ${c.node.kind}${discoverable(c.node) ? ' discoverable' : ''}`,
            );
          } finally {
            await world.store.deleteNodes([c.node.id, ...subscriptions.map((n) => n.id)]);
          }
        }),
        { numRuns: runs, seed: SEED + (label === 'cli' ? 1 : 0), endOnFailure: true },
      );
      console.log(
        `hit/no-hit canary (${backend.name}, ${label}): ${tally.runs} runs in ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
          `${tally.outputs} outputs judged, ${tally.blind} blind viewers, ${tally.seers} seers, ` +
          `${tally.restrictedShown} restricted hits shown, counts moved for ${tally.countsMoved} seers, ${tally.alerted} alerts to subscribers who may see it`,
      );
      return tally;
    };

    it('API (every GET route of the OpenAPI document), engine, exports and bots', async () => {
      const tally = await property(runsOf(backend.name), surfaces, 'surfaces');
      expect(tally.blind).toBeGreaterThan(0);
      expect(tally.seers).toBeGreaterThan(0);
      expect(tally.restrictedShown).toBeGreaterThan(0);
      expect(tally.countsMoved).toBeGreaterThan(0);
    }, 1_200_000);

    it('the CLI', async () => {
      const tally = await property(
        CLI_RUNS,
        (world, c, viewer, question) => cliSurfaces(world, c, viewer, question),
        'cli',
      );
      expect(tally.blind).toBeGreaterThan(0);
      expect(tally.seers).toBeGreaterThan(0);
    }, 1_200_000);
  });
}
