/**
 * Every built-in command against a real engine over the demo dataset (lexical matching), run
 * through the runtime and the fake transport as a chat user would: what they type, what they
 * see, and what ends up in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortChallengeId } from '../../../bots/core/refs.js';
import type { Reply } from '../../../bots/core/reply.js';
import { SYSTEM } from '../../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, startFakeBots } from '../helpers/fake-transport.js';

let demo: DemoEngine;
let bots: Bots;
beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-bots-' });
  bots = await startFakeBots(demo.engine, {
    dashboardUrl: 'https://ileanet.example/dashboard/',
    rateLimit: { max: 1_000, windowSeconds: 60 },
    identities: {
      ...MEMBERS,
      // A member the config links to nothing in the graph.
      'fake:U-nobody': { role: 'member' },
    },
  });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});

const items = (r: Reply) => r.sections.flatMap((s) => s.items);
const ids = (r: Reply) => items(r).map((i) => i.id ?? '');
const last = () => bots.transport.last();

describe('who-solved', () => {
  it('ranks experts, organisations and works, each with why, path and a quote', async () => {
    const out = await bots.transport.slash(
      'U-sanne',
      'who-solved drone detection at prisons --country FR --limit 2 --all',
    );
    expect(out.outcome).toBe('ok');
    const r = last().reply;
    expect(r.title).toBe('Who has solved “drone detection at prisons”');
    // The demo holds a French workshop on counter-drone work: events answer too (issue 16).
    expect(r.sections.map((s) => s.title)).toEqual([
      'Experts',
      'Organisations',
      'Results, projects and documents',
      'Events',
    ]);
    for (const e of r.sections.find((s) => s.title === 'Events')?.items ?? []) expect(e.facts).toContain('FR');
    for (const s of r.sections) expect(s.items.length).toBeLessThanOrEqual(2);
    for (const item of items(r)) {
      // A reason, or a pointer to the item that gave the same one.
      expect(item.why ?? item.facts?.find((f) => f.startsWith('same evidence as '))).toBeTruthy();
      expect(typeof item.score).toBe('number');
    }
    // The country filter reached the engine: every organisation shown is French.
    const orgs = r.sections.find((s) => s.title === 'Organisations')?.items ?? [];
    expect(orgs.length).toBeGreaterThan(0);
    for (const o of orgs) expect(o.facts).toContain('FR');
    expect(items(r).some((i) => (i.path?.length ?? 0) > 1)).toBe(true);
    // The same question as the engine answers it directly.
    const direct = await demo.engine.whoSolved(
      'drone detection at prisons',
      { country: 'FR', limit: 10, perKind: 2, mode: 'lexical' },
      { id: PEOPLE.sanne.key, clearance: 'network', orgs: [PEOPLE.sanne.organisation] },
    );
    expect(new Set(ids(r))).toEqual(new Set(direct.hits.map((h) => h.id)));
  });

  it('understands the question in words after a mention', async () => {
    await bots.transport.slash('U-sanne', 'who-solved drone detection at prisons');
    const typed = ids(last().reply);
    const out = await bots.transport.mention('U-sanne', 'ileanet: who has solved drone detection at prisons?');
    expect(out.command).toBe('who-solved');
    expect(ids(last().reply)).toEqual(typed);
    await bots.transport.mention('U-sanne', '@ileanet has anyone already tackled drone detection at prisons');
    expect(ids(last().reply)).toEqual(typed);
  });

  it('says there is no good match, and offers to raise it as a challenge', async () => {
    await bots.transport.slash('U-sanne', 'who-solved zebra okapi');
    expect(last().reply.text).toBe('No good match for “zebra okapi” — raise it as a challenge?');
    expect(last().reply.sections).toEqual([]);
    expect(last().reply.actions).toEqual([
      { label: 'Raise it as a challenge', command: 'submit-challenge zebra okapi' },
    ]);
  });

  it('answers short first: the best expert, organisation and result, each with one reason and a link; More for the rest', async () => {
    const lengths: number[] = [];
    for (const q of [
      'drone detection at prisons',
      'crypto wallets during searches',
      'cloned voices in fraud calls',
      'deepfake evidence in court',
      'body-worn cameras',
    ]) {
      await bots.transport.slash('U-sanne', `who-solved ${q}`);
      const r = last().reply;
      const [section] = r.sections;
      expect(r.sections).toHaveLength(1);
      expect(section?.items.map((i) => i.title.split(':')[0])).toEqual(['Expert', 'Organisation', 'Result']);
      for (const i of section?.items ?? []) {
        expect(i.why).toBeTruthy();
        expect(i.why).not.toContain('; ');
        expect(i.url).toBe(
          `https://ileanet.example/dashboard/#/search?${new URLSearchParams({ text: q, focus: i.id ?? '' }).toString()}`,
        );
      }
      expect(r.actions).toEqual([{ label: 'More', command: `who-solved "${q}" --all` }]);
      // The expert and the organisation get "Introduce me" about the question; the result does not.
      const [expert, organisation, result] = section?.items ?? [];
      expect(expert?.actions?.[0]?.command).toBe(`introduce ${expert?.id} --about "${q}"`);
      expect(organisation?.actions?.[0]?.label).toMatch(/^Introduce me to /u);
      expect(result?.actions).toBeUndefined();
      // Buttons are buttons on Slack and Discord: the budget is the answer's words, without the
      // lines the plain text gives each button (Matrix's command to type).
      const text = last()
        .text.split('\n')
        .filter((l) => !l.startsWith('   Introduce me to '))
        .join('\n');
      const beforeMore = text.slice(0, text.indexOf('More:'));
      lengths.push(beforeMore.length);
      expect(beforeMore.length).toBeLessThanOrEqual(1_000);
      // More runs the same question for the full list.
      await bots.transport.click('U-sanne', r.actions[0]?.command ?? '');
      const titles = last().reply.sections.map((s) => s.title);
      // Events on the theme, when the demo holds one, come last.
      expect(titles.filter((t) => t !== 'Events')).toEqual([
        'Experts',
        'Organisations',
        'Results, projects and documents',
      ]);
      expect(titles.indexOf('Events')).toBeOneOf([-1, 3]);
    }
    console.info(`who-solved short replies: ${lengths.join(', ')} characters before "More"`);
  });

  it('says nothing twice: no line repeated, in the short answer or the full one', async () => {
    for (const line of [
      'who-solved drone detection at prisons',
      'who-solved drone detection at prisons --all --limit 10',
    ]) {
      await bots.transport.slash('U-sanne', line);
      const lines = last()
        .text.split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const repeated = lines.filter((l, i) => lines.indexOf(l) !== i);
      expect(repeated).toEqual([]);
      expect(last().text).not.toMatch(/\d+(?:\.\d+)? ms/u);
    }
  });

  it('never lists the asker as an expert to himself', async () => {
    const question = 'who-solved cloned voices in fraud calls --all --limit 10';
    await bots.transport.slash('U-sanne', question);
    expect(ids(last().reply)).toContain(PEOPLE.hugo.person);
    await bots.transport.slash('U-hugo', question);
    expect(ids(last().reply)).not.toContain(PEOPLE.hugo.person);
    await bots.transport.slash('U-hugo', 'who-solved cloned voices in fraud calls');
    expect(ids(last().reply)).not.toContain(PEOPLE.hugo.person);
  });
});

describe('match', () => {
  it('answers a challenge by id, with its title and a button to vote for it', async () => {
    await bots.transport.slash('U-sanne', 'match demo:challenge:prison-drone-drops');
    const r = last().reply;
    expect(r.title).toBe('Who could answer “Detect drones dropping contraband over prison walls at night”');
    expect(r.actions).toEqual([
      { label: 'Vote for this challenge', command: 'vote demo:challenge:prison-drone-drops up', style: 'primary' },
    ]);
    const works = r.sections.find((s) => s.title === 'Results, projects and documents')?.items ?? [];
    // The reason names the challenge, so a path from it would say it again.
    expect(works[0]?.why).toMatch(
      /addresses the matching challenge "Detect drones dropping contraband over prison walls at night"/u,
    );
    expect(works[0]?.path).toBeUndefined();
  });

  it('does not tell a hidden challenge from a missing one', async () => {
    const hidden = await bots.transport.slash('U-guest', 'match demo:challenge:dna-mixture-court');
    expect(hidden.outcome).toBe('invalid');
    expect(last().text).toBe('match: no challenge demo:challenge:dna-mixture-court (or you may not see it)');
  });
});

describe('suggest', () => {
  it('suggests partners across a border for the caller’s organisation', async () => {
    const out = await bots.transport.slash('U-sanne', 'suggest --limit 4');
    expect(out.outcome).toBe('ok');
    const r = last().reply;
    expect(r.title).toBe('Who to work with, for Scheldemond Police Zone');
    const partners = await demo.engine.store.getNodes(ids(r), SYSTEM);
    expect(partners.length).toBeGreaterThan(0);
    expect(partners.length).toBeLessThanOrEqual(4);
    for (const p of partners) {
      expect(p.kind).toBe('Organisation');
      expect((p as { country?: string }).country).not.toBe('BE');
    }
    for (const i of items(r)) expect(i.why).toBeTruthy();
  });

  it('suggests for the caller’s country, or one named, and says what it needs when it knows neither', async () => {
    await bots.transport.slash('U-sanne', 'suggest country');
    expect(last().reply.title).toMatch(/^Who to work with, for /u);
    const forBe = await demo.engine.suggest(
      { for: { country: 'BE' }, limit: 5 },
      { id: 'x', clearance: 'network', orgs: [PEOPLE.sanne.organisation] },
    );
    expect(ids(last().reply)).toEqual(forBe.suggestions.map((s) => s.to.id));
    await bots.transport.mention('U-sanne', 'ileanet who should we work with in FR?');
    const forFr = await demo.engine.suggest(
      { for: { country: 'FR' }, limit: 5 },
      { id: 'x', clearance: 'network', orgs: [PEOPLE.sanne.organisation] },
    );
    expect(ids(last().reply)).toEqual(forFr.suggestions.map((s) => s.to.id));
    const nobody = await bots.transport.slash('U-nobody', 'suggest');
    expect(nobody.outcome).toBe('invalid');
    expect(last().text).toMatch(/^suggest: I do not know your country: name one with --country XX/u);
    const unknown = await bots.transport.slash('U-sanne', 'suggest --org demo:org:nowhere');
    expect(unknown.outcome).toBe('invalid');
    expect(last().text).toMatch(/demo:org:nowhere was not found/u);
  });
});

describe('trends', () => {
  it('summarises what is rising and links to the dashboard', async () => {
    await bots.transport.mention('U-sanne', 'ileanet what is trending?');
    const r = last().reply;
    expect(r.title).toMatch(/^Trends from \d{4} to \d{4}$/u);
    const engine = await demo.engine.trends(
      { by: 'topic', unit: 'year', limit: 10 },
      { id: 'x', clearance: 'network', orgs: [PEOPLE.sanne.organisation] },
    );
    expect(r.sections.find((s) => s.title === 'Largest')?.items.map((i) => i.title)).toEqual(
      engine.series.slice(0, 3).map((s) => s.label),
    );
    expect(r.sections.find((s) => s.title === 'Rising')?.items.length).toBeGreaterThan(0);
    expect(r.text).toMatch(/^Rising: /u);
    expect(r.links).toEqual([{ label: 'Charts on the dashboard', url: 'https://ileanet.example/dashboard/#/trends' }]);
  });

  it('filters by country and carries the filter into the link', async () => {
    await bots.transport.slash('U-sanne', 'trends --country fr --by country');
    const r = last().reply;
    expect(r.title).toMatch(/^Trends in FR/u);
    expect(r.links[0]?.url).toBe('https://ileanet.example/dashboard/#/trends?country=FR&by=country');
  });
});

describe('submit-challenge', () => {
  it('shows similar challenges first, with vote buttons, and stores nothing yet', async () => {
    const before = await demo.engine.store.stats(SYSTEM);
    await bots.transport.slash('U-sanne', 'submit-challenge Drones drop phones into prison yards at night');
    const r = last().reply;
    expect(r.title).toBe('Before you submit: is it one of these?');
    expect(ids(r)).toContain('demo:challenge:prison-drone-drops');
    for (const i of items(r)) expect(i.actions?.[0]?.command).toBe(`vote ${i.id} up`);
    expect(r.actions[0]?.label).toBe('Submit mine anyway');
    expect(r.actions[0]?.command).toMatch(/^submit-challenge --draft \S+$/u);
    expect((await demo.engine.store.stats(SYSTEM)).nodes.Challenge).toBe(before.nodes.Challenge);
  });

  it('submits the kept draft on “submit anyway”, once, for its author only', async () => {
    await bots.transport.slash(
      'U-sanne',
      'submit-challenge Drones drop phones into prison yards at night --description "Parcels at 3 a.m., twice a week"',
    );
    const anyway = last().reply.actions[0]?.command ?? '';
    const stolen = await bots.transport.click('U-hugo', anyway);
    expect(stolen.outcome).toBe('invalid');
    expect(last().text).toMatch(/draft has expired \(or was not yours\)/u);

    const done = await bots.transport.click('U-sanne', anyway);
    expect(done.outcome).toBe('ok');
    const r = last().reply;
    expect(r.title).toBe('Challenge submitted');
    const id = /\(id (input:challenge:\S+?)\)/u.exec(r.text)?.[1] ?? '';
    // The short id to type comes first, derived from the stored one.
    expect(r.text).toContain(`as ${shortChallengeId(id)} (id ${id})`);
    const stored = await demo.engine.store.getNode(id, SYSTEM);
    expect(stored).toMatchObject({
      kind: 'Challenge',
      title: 'Drones drop phones into prison yards at night',
      description: 'Parcels at 3 a.m., twice a week',
      country: 'BE',
      status: 'open',
      visibility: 'network',
    });
    const raised = await demo.engine.store.relationships({ type: 'RAISED', to: [id] }, SYSTEM);
    expect(raised.items.map((x) => x.from)).toEqual([PEOPLE.sanne.person]);
    expect(r.actions[0]?.command).toBe(`match ${id}`);
    // Findable at once.
    expect((await bots.transport.click('U-sanne', `match ${id}`)).outcome).toBe('ok');
    // The same button again does not submit a second copy.
    expect((await bots.transport.click('U-sanne', anyway)).outcome).toBe('invalid');
  });

  it('submits straight away when nothing similar exists', async () => {
    await bots.transport.slash('U-hugo', 'submit-challenge Quokka xylophone calibration');
    expect(last().reply.title).toBe('Challenge submitted');
  });

  it('needs the caller linked to a person or organisation, and the submit permission', async () => {
    expect((await bots.transport.slash('U-nobody', 'submit-challenge Something')).outcome).toBe('invalid');
    expect(last().text).toMatch(/must be linked to your person or organisation in ileanet/u);
    expect((await bots.transport.slash('U-guest', 'submit-challenge Something')).outcome).toBe('denied');
  });
});

describe('vote and poll', () => {
  const POLL = 'test:poll:next-workshop';
  beforeAll(async () => {
    // An open poll (the demo's polls all closed): test data, written as an organiser would.
    await demo.engine.store.upsert({
      nodes: [
        {
          kind: 'Poll',
          id: POLL,
          visibility: 'network',
          question: 'Where should the next workshop be?',
          options: ['Brussels', 'Lyon', 'Tallinn'],
          closesAt: '2099-12-31',
        },
      ],
    });
    demo.engine.invalidate();
  });

  it('votes on a challenge, replacing the earlier vote', async () => {
    const out = await bots.transport.slash('U-sanne', 'vote demo:challenge:prison-drone-drops down');
    expect(out.outcome).toBe('ok');
    expect(last().reply.text).toMatch(
      /^Your vote against “Detect drones dropping contraband over prison walls at night” is counted \(it replaces your earlier vote\)\. Votes now: \d+ for, \d+ against\.$/u,
    );
    const v = await demo.engine.store.relationships(
      { type: 'VOTED', from: [PEOPLE.sanne.person], to: ['demo:challenge:prison-drone-drops'] },
      SYSTEM,
    );
    expect(v.items[0]?.value).toBe(-1);
    await bots.transport.click('U-sanne', 'vote demo:challenge:prison-drone-drops up');
    expect(last().text).toMatch(/^Your vote for /u);
  });

  it('shows a poll with a button per option, takes a vote by number, and counts it', async () => {
    await bots.transport.slash('U-sanne', `poll ${POLL}`);
    const shown = last().reply;
    expect(shown.title).toBe('Where should the next workshop be?');
    expect(items(shown).map((i) => [i.title, i.actions?.[0]?.command])).toEqual([
      ['Brussels', `vote ${POLL} 1`],
      ['Lyon', `vote ${POLL} 2`],
      ['Tallinn', `vote ${POLL} 3`],
    ]);
    await bots.transport.click('U-sanne', `vote ${POLL} 2`);
    expect(last().text).toBe(
      'Your vote for “Lyon” in “Where should the next workshop be?” is counted. Brussels: 0 · Lyon: 1 · Tallinn: 0',
    );
    await bots.transport.slash('U-hugo', `vote ${POLL} tallinn`);
    expect(last().text).toMatch(/Your vote for “Tallinn”/u);
    await bots.transport.slash('U-sanne', `poll ${POLL}`);
    expect(items(last().reply).map((i) => i.facts?.[0])).toEqual(['0 votes', '1 vote', '1 vote']);
  });

  it('lists polls with their leading option', async () => {
    await bots.transport.slash('U-sanne', 'poll');
    const r = last().reply;
    const listed = await demo.engine.polls({ id: 'x', clearance: 'network', orgs: [] });
    expect(ids(r)).toEqual(listed.map((p) => p.id));
    expect(items(r).find((i) => i.id === 'demo:poll:emerging-threats-2024')?.why).toMatch(/^leading: /u);
    await bots.transport.slash('U-guest', 'poll');
    expect(last().reply.text).toBe('There are no polls you may see.');
  });

  it('says what is wrong with a vote', async () => {
    const cases: [string, RegExp][] = [
      ['vote demo:poll:emerging-threats-2024 1', /poll demo:poll:emerging-threats-2024 closed on 2024-12-04/u],
      [`vote ${POLL} 7`, /has options 1 to 3, not 7/u],
      [`vote ${POLL} Paris`, /"Paris" is not an option of poll/u],
      [`vote ${POLL}`, /^vote: Which option\? 1\. Brussels {2}2\. Lyon {2}3\. Tallinn$/u],
      ['vote demo:challenge:prison-drone-drops sideways', /A vote on a challenge is up or down, not “sideways”/u],
      ['vote area:cybercrime', /area:cybercrime is a Topic; only challenges and polls take votes/u],
      ['vote demo:challenge:nothing-here', /There is no challenge or poll demo:challenge:nothing-here/u],
    ];
    for (const [typed, message] of cases) {
      const out = await bots.transport.slash('U-sanne', typed);
      expect(out.outcome, typed).toBe('invalid');
      expect(last().text, typed).toMatch(message);
    }
    expect((await bots.transport.slash('U-nobody', `vote ${POLL} 1`)).outcome).toBe('invalid');
    expect(last().text).toMatch(/must be linked to your person in ileanet/u);
  });
});

describe('gaps, consortium and brief', () => {
  it('gaps: the largest topic gaps and the open challenges nothing mature answers, as the engine ranks them', async () => {
    await bots.transport.slash('U-sanne', 'gaps');
    const r = last().reply;
    const direct = await demo.engine.gaps(
      { limit: 5 },
      { id: 's', clearance: 'network', orgs: [PEOPLE.sanne.organisation] },
    );
    expect(r.sections.map((s) => s.title)).toEqual(['Topics', 'Open challenges without a mature answer']);
    expect(r.sections[0]?.items.map((i) => i.id)).toEqual(direct.topics.slice(0, 3).map((t) => t.topic));
    expect(r.sections[1]?.items.map((i) => i.id)).toEqual(direct.challenges.slice(0, 3).map((c) => c.id));
    expect(r.text).toBe(`Largest gap: ${direct.topics[0]?.label}.`);
    // Asked in words, too.
    const out = await bots.transport.mention('U-sanne', 'ileanet: where are the gaps?');
    expect(out.command).toBe('gaps');
  });

  it('consortium: a team for a challenge by its short id, with the rules it meets', async () => {
    const id = 'demo:challenge:prison-drone-drops';
    await bots.transport.slash('U-sanne', `consortium ${shortChallengeId(id)} --size 4`);
    const r = last().reply;
    const direct = await demo.engine.consortium(
      id,
      { size: 4 },
      { id: 's', clearance: 'network', orgs: [PEOPLE.sanne.organisation] },
    );
    expect(r.title).toBe(`A consortium for “${direct.challenge.title}”`);
    expect(items(r).map((i) => i.id)).toEqual(direct.members.map((m) => m.org.id));
    expect(items(r).length).toBeGreaterThan(0);
    expect(r.text).toMatch(/^\d+ members; /u);
  });

  it('brief: the policy brief’s headings and first points, under 1,000 characters', async () => {
    await bots.transport.slash('U-sanne', 'brief');
    const r = last().reply;
    const markdown = await demo.engine.report({ id: 's', clearance: 'network', orgs: [PEOPLE.sanne.organisation] });
    const firstHeading = /^#+\s*(.+)$/mu.exec(markdown)?.[1] ?? '';
    expect(firstHeading).not.toBe('');
    expect(r.text.startsWith(firstHeading.toUpperCase())).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(900);
    expect(r.text).not.toMatch(/\*\*|^#/mu);
  });
});

describe('help', () => {
  it('lists what the caller may run, and one command in detail', async () => {
    await bots.transport.slash('U-guest', 'help');
    const guest = last().reply;
    expect(items(guest).map((i) => i.title.split(' ')[1])).toEqual([
      'who-solved',
      'match',
      'trends',
      'gaps',
      'brief',
      'status',
      'poll',
      'survey',
      'events',
      'help',
    ]);
    expect(guest.footer).toBe('15 more commands need a role you do not have (yours: guest).');
    await bots.transport.slash('U-sanne', 'help');
    expect(items(last().reply).map((i) => i.title.split(' ')[1])).toEqual([
      'who-solved',
      'match',
      'suggest',
      'consortium',
      'trends',
      'gaps',
      'brief',
      'submit-challenge',
      'vote',
      'comment',
      'status',
      'poll',
      'survey',
      'answer',
      'events',
      'contact',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'introduce',
      'introductions',
      'approve',
      'decline',
      'withdraw',
      'help',
    ]);
    await bots.transport.slash('U-sanne', 'help who-solved');
    const one = last().reply;
    expect(one.title).toBe(
      '/ileanet who-solved <text> [--country <country>] [--kind lea|academia|research|industry|public|ngo|other] [--min-trl N] [--limit N] [--all]',
    );
    expect(one.sections.map((s) => s.title)).toEqual(['Arguments', 'Examples']);
    expect(one.sections[0]?.items.map((i) => i.title)).toEqual([
      '<text>',
      '--country',
      '--kind',
      '--min-trl',
      '--limit',
      '--all',
    ]);
    await bots.transport.slash('U-sanne', 'help frobnicate');
    expect(last().reply.text).toMatch(/^I do not know the command “frobnicate”\./u);
  });
});
