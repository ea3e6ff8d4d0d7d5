/**
 * The weekly digest of an INC over a seeded week of the generator (datasets/generator, seed 11):
 * the whole digest is asserted, Markdown and JSON, so any change in what it picks or how it reads
 * shows here. The generator is deterministic, and the digest reads as a network member of the INC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestScheduler, latestSlot } from '../../bots/core/digest-schedule.js';
import { generatedSource } from '../../datasets/generator/generate.js';
import { runIngest } from '../../engine/ingest/index.js';
import { buildDigest, digestMarkdown } from '../../engine/notify/index.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { type GraphStore, openStore, SYSTEM } from '../../graph/index.js';

let dir: string;
let store: GraphStore;
let engine: Engine;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ileanet-digest-'));
  store = await openStore({ backend: 'embedded', dataDir: dir });
  await store.init();
  await runIngest(store, generatedSource({ seed: 11, people: 300, countries: ['PT', 'BE', 'FR'] }));
  engine = await openEngine({ store, dataDir: dir, mode: 'lexical' });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A week with a new Portuguese challenge, an open poll and an event coming up. */
const WEEK = { since: '2024-07-29T00:00:00.000Z', now: '2024-08-05T00:00:00.000Z' };

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

  it('a seeded week gives exactly this digest', async () => {
    const incs = await store.list({ kind: 'Inc', where: { country: 'PT' } }, SYSTEM);
    const inc = incs.items[0]?.id ?? '';
    const d = await buildDigest({ store, suggest: (q, v) => engine.suggest(q, v) }, inc, WEEK);
    expect(inc).toBe('gen:inc:PT');
    expect(digestMarkdown(d)).toBe(EXPECTED);
    expect({
      challenges: d.challenges,
      statusChanges: d.statusChanges,
      polls: d.polls.length,
      events: d.events.length,
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
      events: 1,
    });
    expect(d.suggestions).toHaveLength(5);
  });
});

const EXPECTED =
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
    '## Upcoming events',
    '- Webinar: Early warning on new substances (2024-08-18)',
  ].join('\n') + '\n';
