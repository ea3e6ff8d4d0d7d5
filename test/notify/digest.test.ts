/**
 * The weekly digest of an INC over a seeded week of the generator (datasets/generator, seed 11):
 * the whole digest is asserted, Markdown and JSON, so any change in what it picks or how it reads
 * shows here. The generator is deterministic, and the digest reads as a network member of the INC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDigest } from '../../app/cli/commands/digest.js';
import { createDigestScheduler, digestRecipient, latestSlot } from '../../bots/core/digest-schedule.js';
import { createIdentities, DEFAULT_ROLES } from '../../bots/core/identity.js';
import { createOutboxRunner } from '../../bots/core/outbox.js';
import { generatedSource } from '../../datasets/generator/generate.js';
import { buildDigest, digestMarkdown, digestText, NOT_LISTED } from '../../engine/digest/index.js';
import { runIngest } from '../../engine/ingest/index.js';
import { requestIntroduction } from '../../engine/introductions/index.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { type GraphStore, openStore, SYSTEM } from '../../graph/index.js';
import { createFakeTransport } from '../bots/helpers/fake-transport.js';
import { cliRunner } from '../helpers/cli.js';

let dir: string;
let store: GraphStore;
let engine: Engine;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ileanet-digest-'));
  store = await openStore({ backend: 'embedded', dataDir: dir });
  await store.init();
  await runIngest(store, generatedSource({ seed: 11, people: 300, countries: ['PT', 'BE', 'FR'] }));
  engine = await openEngine({ store, dataDir: dir, mode: 'lexical' });
  await seedWeek();
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A week with a new Portuguese challenge, an open poll, an event coming up (all from the generator),
 * and, written here as the product would, surveys and introductions: only the survey open to Portugal
 * on the day and the introduction pending with the Portuguese INC belong in its digest.
 */
const WEEK = { since: '2024-07-29T00:00:00.000Z', now: '2024-08-05T00:00:00.000Z' };
const question = (prompt: string) => JSON.stringify({ id: 'q1', type: 'text', prompt });

async function firstOf(kind: 'Person', country: string): Promise<string> {
  const page = await store.list({ kind, where: { country }, limit: 1 }, SYSTEM);
  const id = page.items[0]?.id;
  if (id === undefined) throw new Error(`the generator has a ${kind} in ${country}`);
  return id;
}

/** The id of the introduction awaiting Portugal (a random id, as the product makes it). */
let pending = '';

async function seedWeek(): Promise<void> {
  const survey = (id: string, extra: Record<string, unknown>) => ({
    kind: 'Survey' as const,
    id,
    visibility: 'network' as const,
    title: `Survey ${id}`,
    questions: [question('What slows your investigations down most?')],
    closesAt: '2024-08-31',
    date: '2024-07-30',
    ...extra,
  });
  await store.upsert({
    nodes: [
      survey('test:survey:pt', { title: 'Needs of Portuguese border units in 2025', audience: 'PT' }),
      survey('test:survey:fr', { title: 'Needs of French border units', audience: 'FR' }),
      survey('test:survey:closed', { title: 'Last spring’s tooling survey', closesAt: '2024-08-01' }),
      survey('test:survey:later', { title: 'A survey made after the week', date: '2024-08-06' }),
    ],
  });
  const pt = await firstOf('Person', 'PT');
  const be = await firstOf('Person', 'BE');
  const fr = await firstOf('Person', 'FR');
  const actor = (person: string) => ({ person, viewer: { id: person, clearance: 'network' as const, orgs: [] } });
  const at = (iso: string) => ({ store, now: () => new Date(iso) });
  // Across borders: both INCs are asked, so it awaits Portugal's decision.
  const asked = await requestIntroduction(at('2024-08-01T09:30:00.000Z'), actor(pt), {
    target: be,
    question: 'Who has tried exit programmes for returning foreign fighters?',
    message: 'We start a pilot in Porto and would like to compare notes.',
  });
  expect([asked.status, asked.incs]).toEqual(['pending', ['gen:inc:BE', 'gen:inc:PT']]);
  pending = asked.id;
  // Between Belgium and France: not Portugal's to decide.
  await requestIntroduction(at('2024-08-02T10:00:00.000Z'), actor(be), {
    target: fr,
    question: 'Drone detection at prisons',
    message: 'Could we visit your test site?',
  });
}

describe('weekly digest', () => {
  it('the schedule sends each week once per coordinator, at its hour, on an injected clock', async () => {
    expect(latestSlot(new Date('2024-08-05T07:59:00Z'), 1, 8).toISOString()).toBe('2024-07-29T08:00:00.000Z');
    expect(latestSlot(new Date('2024-08-05T08:00:00Z'), 1, 8).toISOString()).toBe('2024-08-05T08:00:00.000Z');
    const coordinators = await store.relationships({ type: 'COORDINATES', to: ['gen:inc:PT'] }, SYSTEM);
    expect(coordinators.items.length).toBeGreaterThan(0);
    const schedule = [{ inc: 'gen:inc:PT', weekday: 1, hour: 8 }];
    const one = createDigestScheduler(engine, schedule);
    const other = createDigestScheduler(engine, schedule);
    // Last Monday's slot is over a day old at start: skipped, not sent late.
    expect(await one.tick(new Date('2024-08-05T07:59:00Z'))).toBe(0);
    expect(await one.tick(new Date('2024-08-05T08:00:00Z'))).toBe(coordinators.items.length);
    expect(await one.tick(new Date('2024-08-05T09:00:00Z'))).toBe(0);
    // A second bots process at the same hour adds nothing: the notice is the same.
    expect(await other.tick(new Date('2024-08-05T08:30:00Z'))).toBe(0);
    const notices = await store.list({ kind: 'Notice', where: { noticeKind: 'digest' } }, SYSTEM);
    expect(notices.items.map((n) => (n.kind === 'Notice' ? [n.recipient, n.title] : [])).sort()).toEqual(
      coordinators.items
        .map((r) => [r.from, 'Weekly digest: National Innovation Contact Point Portugal, 2024-07-29 to 2024-08-05'])
        .sort(),
    );
    const first = notices.items[0];
    expect(
      first?.kind === 'Notice' &&
        first.reason.startsWith(
          '# Weekly digest: National Innovation Contact Point Portugal (PT)\n2024-07-29 to 2024-08-05',
        ),
    ).toBe(true);
  });

  it('posts in the INC’s channels once across two processes, each for what every reader there may see', async () => {
    const rels = await store.relationships({ type: 'COORDINATES', to: ['gen:inc:PT'] }, SYSTEM);
    const people = await store.getNodes(
      rels.items.map((r) => r.from),
      SYSTEM,
    );
    const coordinator = people.find((p) => p.kind === 'Person')?.id;
    if (coordinator === undefined) throw new Error('the generator gives the Portuguese INC a coordinator');
    const core = {
      roles: DEFAULT_ROLES,
      defaultRole: 'guest',
      audiences: {},
      identities: { 'fake:U-coord': { role: 'inc', person: coordinator, orgs: [] } },
    };
    const transport = createFakeTransport();
    // The INC's own room, read by its coordinator alone; and a room a guest reads too.
    transport.setMembers('C-inc', ['U-coord']);
    transport.setMembers('C-open', ['U-coord', 'U-guest']);
    const schedule = [
      { inc: 'gen:inc:PT', weekday: 1, hour: 8, channel: 'fake:C-inc' },
      { inc: 'gen:inc:PT', weekday: 1, hour: 8, channel: 'fake:C-open' },
    ];
    const slot = new Date('2024-08-05T08:00:00Z');
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    // Two bots processes: each its schedule and outbox over the one store.
    const processes = [0, 1].map(() => {
      const digests = createDigestScheduler(engine, schedule, {
        adapters: [transport],
        audience: core,
        identities: createIdentities(core),
        log: quiet,
      });
      const outbox = createOutboxRunner({
        store,
        adapters: [transport],
        channels: [digests],
        identities: {},
        log: quiet,
        intervalMs: 3_600_000,
        minIntervalMs: 0,
        retryMs: 1_000,
        now: () => slot,
        beforePass: async () => {
          await digests.tick(slot);
        },
      });
      return outbox;
    });
    try {
      await Promise.all(processes.map((o) => o.pass()));
      await Promise.all(processes.map((o) => o.pass()));
    } finally {
      for (const o of processes) await o.stop();
    }
    const own = transport.at('conv:C-inc');
    const open = transport.at('conv:C-open');
    expect([own.length, open.length]).toEqual([1, 1]);
    const title = 'Weekly digest: National Innovation Contact Point Portugal, 2024-07-29 to 2024-08-05';
    expect([own[0]?.reply.title, own[0]?.reply.text]).toEqual([title, '2024-07-29 to 2024-08-05']);
    const section = (shown: typeof own, name: string) =>
      shown[0]?.reply.sections.find((x) => x.title === name)?.items.map((i) => [i.title, i.why]);
    // The coordinator's room: the INC's own view, its pending introduction with the request's message.
    expect(section(own, 'Open surveys')).toEqual([
      ['Needs of Portuguese border units in 2025 (1 question, closes 2024-08-31)', undefined],
    ]);
    expect(section(own, 'Pending introductions')).toEqual([
      [
        `Mariana Mourado Macheida asks to meet Hugo Rochelac about “Who has tried exit programmes for returning foreign fighters?” (since 2024-08-01; ${pending})`,
        '“We start a pilot in Porto and would like to compare notes.”',
      ],
    ]);
    // A guest reads the other room: what a public reader may see, and no introduction, not even a count.
    const asGuest = await buildDigest({ store, suggest: (q, v) => engine.suggest(q, v) }, 'gen:inc:PT', {
      since: '2024-07-29T08:00:00.000Z',
      now: slot.toISOString(),
      audience: { viewer: { id: 'guest', clearance: 'public', orgs: [] }, brokers: false },
    });
    const notices = await store.list({ kind: 'Notice', where: { noticeKind: 'digest' }, limit: 100 }, SYSTEM);
    const openNotice = notices.items.find((n) => n.kind === 'Notice' && n.recipient === digestRecipient('fake:C-open'));
    expect(openNotice?.kind === 'Notice' && openNotice.reason).toBe(digestText(asGuest, 4_000));
    expect(section(open, 'Open surveys')).toEqual([['Nothing this week.', undefined]]);
    expect(section(open, 'Pending introductions')).toEqual([[NOT_LISTED, undefined]]);
    expect(open[0]?.text).not.toContain('Mariana');
    // The network-only poll and survey the coordinators' room lists stay out of the guest's room.
    expect(own[0]?.text).toContain('Which gap in drug trafficking and synthetic drugs');
    expect(open[0]?.text).not.toContain('Which gap in drug trafficking and synthetic drugs');
    expect(open[0]?.text).not.toContain('Needs of Portuguese border units');
  });

  it('a seeded week gives exactly this digest', async () => {
    const incs = await store.list({ kind: 'Inc', where: { country: 'PT' } }, SYSTEM);
    const inc = incs.items[0]?.id ?? '';
    const d = await buildDigest({ store, suggest: (q, v) => engine.suggest(q, v) }, inc, WEEK);
    expect(inc).toBe('gen:inc:PT');
    expect(digestMarkdown(d)).toBe(expected(pending));
    expect({
      challenges: d.challenges,
      statusChanges: d.statusChanges,
      polls: d.polls.length,
      surveys: d.surveys,
      events: d.events.length,
      introductions: d.introductions,
    }).toEqual({
      challenges: [
        {
          id: d.challenges[0]?.id,
          title: 'Looking for a way to support exit programmes for returning foreign fighters',
          date: '2024-07-31',
          status: 'open',
        },
      ],
      statusChanges: [],
      polls: 1,
      surveys: [
        {
          id: 'test:survey:pt',
          title: 'Needs of Portuguese border units in 2025',
          questions: 1,
          closesAt: '2024-08-31',
        },
      ],
      events: 1,
      introductions: [
        {
          id: pending,
          requester: 'Mariana Mourado Macheida',
          target: 'Hugo Rochelac',
          need: 'Who has tried exit programmes for returning foreign fighters?',
          message: 'We start a pilot in Porto and would like to compare notes.',
          createdAt: '2024-08-01T09:30:00.000Z',
        },
      ],
    });
    expect(d.suggestions).toHaveLength(5);

    // `ileanet digest` previews the same, both formats, surveys and introductions included.
    const cli = cliRunner(registerDigest, () => dir);
    const md = await cli('digest', '--inc', 'gen:inc:PT', '--until', WEEK.now);
    expect([md.code, md.stdout]).toEqual([0, expected(pending)]);
    const json = await cli('digest', '--inc', 'gen:inc:PT', '--until', WEEK.now, '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(d)));
  });
});

const expected = (introduction: string) =>
  [
    '# Weekly digest: National Innovation Contact Point Portugal (PT)',
    '2024-07-29 to 2024-08-05',
    '',
    '## Suggested cross-border collaborations',
    '- Serraverde Institute of Societal Security with Bellefleur Centre for Security Research (BE): its work "Risk assessment tool adapted to returning foreign fighters" (gen:result:77) answers your need "Looking for a way to support exit programmes for lone actors" (matches its words, on one of its topics); 9 partners in common (Criminal Investigation Bureau Montfleur, Oostdijk Regional Police, Corvidera Analytics SRL, …)',
    '  - shared partner: Criminal Investigation Bureau Montfleur',
    '  - shared partner: Oostdijk Regional Police',
    '  - shared partner: Corvidera Analytics SRL',
    '  - Risk assessment tool adapted to returning foreign fighters (result) answers “Looking for a way to support exit programmes for lone actors” (topic)',
    '  - SENTIGUARD: Case-linking service for reports on invoice fraud by e-mail for border and coast guards (project) answers “How can we watch the river crossing with fewer patrols?” (topic)',
    '- Orbisis Forensics Lda. with Oostdijk Regional Police (BE): its need "Follow the money of networks behind forced begging" is on the topic of your result "Crawler and classifier for recruitment agencies linked to exploitation in domestic work" (gen:result:42); 8 partners in common (Criminal Investigation Bureau Montfleur, Bellefleur Centre for Security Research, Criminal Investigation Bureau Roquecombe, …)',
    '  - shared partner: Criminal Investigation Bureau Montfleur',
    '  - shared partner: Bellefleur Centre for Security Research',
    '  - shared partner: Criminal Investigation Bureau Roquecombe',
    '  - Crawler and classifier for recruitment agencies linked to exploitation in domestic work (result) answers “Follow the money of networks behind forced begging” (topic)',
    '- Serraverde Institute of Societal Security with Villelieu Prosecution Service (FR): its work "SENTIGUARD: Case-linking service for reports on invoice fraud by e-mail for border and coast guards" (gen:project:3) answers your need "How can we watch the river crossing with fewer patrols?" (matches its words, on one of its topics); its need "Find the dump sites of drug labs" is on the topic of your result "Handheld spectrometer with a library of new psychoactive substances" (gen:result:52); 7 partners in common (Criminal Investigation Bureau Montfleur, Oostdijk Regional Police, Corvidera Analytics SRL, …)',
    '  - shared partner: Criminal Investigation Bureau Montfleur',
    '  - shared partner: Oostdijk Regional Police',
    '  - shared partner: Corvidera Analytics SRL',
    '  - SENTIGUARD: Case-linking service for reports on invoice fraud by e-mail for border and coast guards (project) answers “How can we watch the river crossing with fewer patrols?” (topic)',
    '  - Handheld spectrometer with a library of new psychoactive substances (result) answers “Find the dump sites of drug labs” (topic)',
    '- Orbisis Forensics Lda. with Corvidera Analytics SRL (BE): rests on network proximity, not on work that answers your needs: 6 partners in common (Bellefleur Centre for Security Research, Criminal Investigation Bureau Roquecombe, Saint-Auremar Institute of Societal Security, …); its closest work to your need "How can we watch the river crossing with fewer patrols?" is "TRACEWATCH: Forensic report template for manipulated media for border and coast guards" (gen:project:5) (not among the closest in meaning)',
    '  - shared partner: Bellefleur Centre for Security Research',
    '  - shared partner: Criminal Investigation Bureau Roquecombe',
    '  - shared partner: Saint-Auremar Institute of Societal Security',
    '- Serraverde Institute of Societal Security with Kleinbroek Police University College (BE): its work "Risk assessment tool adapted to returning foreign fighters" (gen:result:77) answers your need "Looking for a way to support exit programmes for returning foreign fighters" (matches its words, on one of its topics); 3 partners in common (Criminal Investigation Bureau Montfleur, Boreaware Sensors SRL, Boreaix Intelligence SAS)',
    '  - shared partner: Criminal Investigation Bureau Montfleur',
    '  - shared partner: Boreaware Sensors SRL',
    '  - shared partner: Boreaix Intelligence SAS',
    '  - Risk assessment tool adapted to returning foreign fighters (result) answers “Looking for a way to support exit programmes for returning foreign fighters” (topic)',
    '  - Risk assessment tool adapted to returning foreign fighters (result) answers “Looking for a way to support exit programmes for lone actors” (topic)',
    '',
    '## New challenges',
    '- Looking for a way to support exit programmes for returning foreign fighters (open, 2024-07-31)',
    '',
    '## Status changes',
    'Nothing this week.',
    '',
    '## Open polls',
    '- Which gap in drug trafficking and synthetic drugs should the network tackle first in 2024? (closes 2024-09-01)',
    '',
    '## Open surveys',
    '- Needs of Portuguese border units in 2025 (1 question, closes 2024-08-31)',
    '',
    '## Upcoming events',
    '- Webinar: Early warning on new substances (2024-08-18)',
    '',
    '## Pending introductions',
    `- Mariana Mourado Macheida asks to meet Hugo Rochelac about “Who has tried exit programmes for returning foreign fighters?” (since 2024-08-01; ${introduction})`,
    '  - “We start a pilot in Porto and would like to compare notes.”',
  ].join('\n') + '\n';
