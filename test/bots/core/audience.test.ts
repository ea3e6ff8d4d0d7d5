/**
 * A shared conversation gets only what everyone in it may see: the answer posted there is
 * computed for the room's audience (the lowest clearance among its members, the organisations
 * they all share), and what the asker may see beyond that goes to the asker's DM. Through the
 * fake transport over the real engine on the demo dataset; the same rule is checked through
 * each platform's SDK in test/bots/{matrix,slack,discord}.
 */

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreConfigInput } from '../../../bots/core/config.js';
import type { Reply } from '../../../bots/core/reply.js';
import { seeded } from '../../../engine/analytics/network.js';
import { readGrant } from '../../../engine/grants/index.js';
import type { GraphNode } from '../../../graph/model.js';
import { CLEARANCE_RANK, type Clearance, type Viewer } from '../../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, type Shown, startFakeBots } from '../helpers/fake-transport.js';
import { allNodes, forbiddenFor } from '../helpers/leaks.js';

const NETWORK_PEOPLE_QUERY = 'who-solved drone detection --limit 10';
const BORDER_ORG = 'demo:org:bugowice-border';

const IDENTITIES: CoreConfigInput['identities'] = {
  ...MEMBERS,
  'fake:U-margaux': { role: 'member', organisation: PEOPLE.hugo.organisation, country: 'FR' },
  'fake:U-inc': { role: 'member', organisation: BORDER_ORG, country: 'PL' },
  'fake:U-auditor': { role: 'admin' },
};

let demo: DemoEngine;
let everything: GraphNode[];
beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-bots-' });
  everything = await allNodes(demo.engine);
});
afterAll(async () => {
  await demo?.close();
});

/** Every node id a reply shows. */
const idsOf = (r: Reply) => r.sections.flatMap((s) => s.items.flatMap((i) => (i.id === undefined ? [] : [i.id])));

function leaks(shown: readonly Shown[], audience: Viewer): string[] {
  const forbidden = forbiddenFor(everything, audience);
  const out: string[] = [];
  for (const s of shown) {
    for (const id of idsOf(s.reply)) if (forbidden.ids.has(id)) out.push(`${s.place}: item ${id}`);
    for (const t of forbidden.titles) if (s.text.includes(t)) out.push(`${s.place}: “${t}”`);
  }
  return out;
}

describe('a room with a guest in it', () => {
  let bots: Bots;
  beforeAll(async () => {
    bots = await startFakeBots(demo.engine, { rateLimit: { max: 1_000, windowSeconds: 60 }, identities: IDENTITIES });
    bots.transport.setMembers('C-mixed', ['U-sanne', 'U-guest', 'U-inc']);
    bots.transport.setMembers('C-vetted', ['U-sanne', 'U-inc']);
    bots.transport.setMembers('C-unknown', 'unknown');
  });
  afterAll(() => bots.close());

  const guest: Viewer = { id: 'g', clearance: 'public', orgs: [] };

  it('posts the guest’s answer in the room and the officer’s fuller one in her DM, with a pointer', async () => {
    const before = bots.transport.shown.length;
    const out = await bots.transport.slash('U-sanne', NETWORK_PEOPLE_QUERY, 'C-mixed');
    const shown = bots.transport.shown.slice(before);
    const room = shown.filter((s) => s.place === 'conv:C-mixed');
    const dm = shown.filter((s) => s.place === 'dm:U-sanne');
    expect(out.delivery).toBe('dm');
    expect(room).toHaveLength(1);
    expect(dm).toHaveLength(1);
    expect(leaks(room, guest)).toEqual([]);
    // The room still gets an answer, not just a pointer: the public part of it.
    expect(idsOf(room[0]?.reply as Reply).length).toBeGreaterThan(0);
    expect(room[0]?.text).toContain('your fuller answer is in a direct message');
    // The DM holds what the guest may not see.
    expect(leaks(dm, guest).length).toBeGreaterThan(0);
    expect((await bots.audit()).at(-1)).toMatchObject({ command: 'who-solved', audience: 'public', delivered: 'dm' });
  });

  it('recomputes an aggregate for the room: the INC’s trends in PL leave out his restricted challenge', async () => {
    await bots.transport.slash('U-inc', 'trends --country PL --by country', 'C-mixed');
    const room = bots.transport.at('conv:C-mixed').at(-1);
    const dm = bots.transport.at('dm:U-inc').at(-1);
    // What a guest asking alone gets, word for word.
    await bots.transport.dm('U-guest', 'trends --country PL --by country');
    const guestAlone = bots.transport.at('conv:D-U-guest').at(-1);
    expect(room?.reply.text).toBe(guestAlone?.reply.text);
    expect(room?.reply.sections).toEqual(guestAlone?.reply.sections);
    // The INC's own count includes his organisation's restricted challenge: that one is his alone.
    expect(dm?.reply.text).toBe('Rising: PL (+50 %).');
    expect(room?.reply.text).toBe('Nothing is clearly rising in this window.');
  });

  it('answers once in the room when everyone there sees what the asker sees', async () => {
    const before = bots.transport.shown.length;
    const out = await bots.transport.slash('U-sanne', NETWORK_PEOPLE_QUERY, 'C-vetted');
    expect(out.delivery).toBe('here');
    expect(bots.transport.shown.slice(before).map((s) => s.place)).toEqual(['conv:C-vetted']);
    // Sanne and the INC share no organisation, so the room's audience is narrower than her, but
    // this answer shows nothing of her organisation's: one answer serves both.
    expect((await bots.audit()).at(-1)).toMatchObject({ audience: 'network', delivered: 'here' });
  });

  it('treats a room whose members the platform does not list as read by the default role', async () => {
    await bots.transport.slash('U-sanne', NETWORK_PEOPLE_QUERY, 'C-unknown');
    const room = bots.transport.at('conv:C-unknown');
    expect(room).toHaveLength(1);
    expect(leaks(room, guest)).toEqual([]);
  });

  it('keeps what a command that changed something shows to the asker when the room may not see it', async () => {
    const before = bots.transport.shown.length;
    await bots.transport.slash(
      'U-sanne',
      'submit-challenge Drones drop parcels with phones into prison yards',
      'C-mixed',
    );
    const shown = bots.transport.shown.slice(before);
    expect(
      leaks(
        shown.filter((s) => s.place === 'conv:C-mixed'),
        guest,
      ),
    ).toEqual([]);
    expect(shown.some((s) => s.place === 'dm:U-sanne' && idsOf(s.reply).length > 0)).toBe(true);
  });
});

describe('dashboard links in a shared room', () => {
  it('carry a grant to read as the room’s audience in the room, and as the asker in the DM', async () => {
    const key = randomBytes(32);
    const bots = await startFakeBots(
      demo.engine,
      {
        rateLimit: { max: 1_000, windowSeconds: 60 },
        identities: IDENTITIES,
        dashboardUrl: 'https://ileanet.example/',
      },
      { grantKey: key },
    );
    try {
      const grantsIn = (r: Reply) =>
        r.sections
          .flatMap((s) => s.items)
          .map((i) => new URLSearchParams((i.url ?? '').split('?')[1] ?? '').get('grant') ?? '')
          .map((g) => readGrant(key, g));
      bots.transport.setMembers('C-mixed', ['U-sanne', 'U-guest']);
      await bots.transport.slash('U-sanne', 'who-solved drone detection at prisons', 'C-mixed');
      const room = grantsIn(bots.transport.at('conv:C-mixed').at(-1)?.reply as Reply);
      const dm = grantsIn(bots.transport.at('dm:U-sanne').at(-1)?.reply as Reply);
      expect(room.length).toBeGreaterThan(0);
      for (const g of room) expect(g).toMatchObject({ v: { clearance: 'public', orgs: [] } });
      for (const g of dm) expect(g).toMatchObject({ v: { clearance: 'network', orgs: [PEOPLE.sanne.organisation] } });
      // Grants differ per link; one answer still serves a room that sees what the asker sees.
      bots.transport.setMembers('C-vetted', ['U-sanne', 'U-inc']);
      const out = await bots.transport.slash('U-sanne', 'trends', 'C-vetted');
      expect(out.delivery).toBe('here');
    } finally {
      await bots.close();
    }
  });
});

describe('an audience configured for a conversation', () => {
  it('lowers what is posted there below what its listed members see', async () => {
    const bots = await startFakeBots(demo.engine, {
      rateLimit: { max: 1_000, windowSeconds: 60 },
      identities: IDENTITIES,
      audiences: { 'fake:C-public-channel': 'guest' },
    });
    try {
      bots.transport.setMembers('C-public-channel', ['U-sanne', 'U-hugo']);
      await bots.transport.slash('U-sanne', NETWORK_PEOPLE_QUERY, 'C-public-channel');
      const room = bots.transport.at('conv:C-public-channel');
      expect(room).toHaveLength(1);
      expect(leaks(room, { id: 'g', clearance: 'public', orgs: [] })).toEqual([]);
      expect(bots.transport.at('dm:U-sanne')).toHaveLength(1);
    } finally {
      await bots.close();
    }
  });
});

describe('randomised rooms, members and commands', () => {
  const USERS: Record<string, { clearance: Clearance; orgs: string[] }> = {
    'U-guest': { clearance: 'public', orgs: [] },
    'U-visitor': { clearance: 'public', orgs: [] },
    'U-sanne': { clearance: 'network', orgs: [PEOPLE.sanne.organisation] },
    'U-hugo': { clearance: 'network', orgs: [PEOPLE.hugo.organisation] },
    'U-margaux': { clearance: 'network', orgs: [PEOPLE.hugo.organisation] },
    'U-inc': { clearance: 'network', orgs: [BORDER_ORG] },
    'U-auditor': { clearance: 'all', orgs: [] },
  };
  const COMMANDS = [
    NETWORK_PEOPLE_QUERY,
    'who-solved cloned voices in fraud calls',
    'who-solved DNA mixture evidence in court',
    'who-solved drones watching border patrols --limit 10',
    'trends',
    'trends --country PL',
    'trends --country PL --by country',
    'trends --by country',
    'poll',
    'poll demo:poll:emerging-threats-2024',
    'suggest --country BE',
    'match demo:challenge:prison-drone-drops',
    'match demo:challenge:border-scout-drones',
    'vote demo:challenge:prison-drone-drops up',
    'gaps',
    'gaps --country PL',
    'brief',
    'consortium demo:challenge:prison-drone-drops',
  ];

  /** The audience, computed here independently of the product: lowest clearance, shared organisations. */
  function audienceOf(members: readonly string[]): Viewer {
    let clearance: Clearance = 'all';
    let orgs: string[] | undefined;
    for (const m of members) {
      const u = USERS[m];
      if (u === undefined) throw new Error(`no user ${m}`);
      if (CLEARANCE_RANK[u.clearance] < CLEARANCE_RANK[clearance]) clearance = u.clearance;
      orgs = orgs === undefined ? [...u.orgs] : orgs.filter((o) => u.orgs.includes(o));
    }
    return { id: 'audience', clearance, orgs: orgs ?? [] };
  }

  it('posts 0 items above the room’s audience in 120 requests (seed 21)', async () => {
    const bots = await startFakeBots(demo.engine, {
      rateLimit: { max: 1_000, windowSeconds: 60 },
      identities: IDENTITIES,
    });
    try {
      const random = seeded(21);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
      const names = Object.keys(USERS);
      const found: string[] = [];
      let posted = 0;
      let narrowed = 0;
      for (let i = 0; i < 120; i++) {
        const room = `C-r${i % 12}`;
        const members = names.filter(() => random() < 0.45);
        const asker = pick(names);
        if (!members.includes(asker)) members.push(asker);
        bots.transport.setMembers(room, members);
        const command = pick(COMMANDS);
        const before = bots.transport.shown.length;
        const out = await bots.transport.slash(asker, command, room);
        const inRoom = bots.transport.shown.slice(before).filter((s) => s.place === `conv:${room}`);
        posted += inRoom.length;
        if (out.delivery === 'dm' && inRoom.some((s) => s.reply.tone === 'answer')) narrowed += 1;
        for (const leak of leaks(inRoom, audienceOf(members)))
          found.push(`#${i} ${asker} “${command}” in [${members.join(', ')}]: ${leak}`);
      }
      expect(found).toEqual([]);
      // The test is about something: rooms got answers, and some of them were narrowed for their audience.
      expect(posted).toBeGreaterThan(60);
      expect(narrowed).toBeGreaterThan(5);
      console.info(
        `randomised audiences: 120 requests, ${posted} posts in rooms, ${narrowed} narrowed, ${found.length} leaks`,
      );
    } finally {
      await bots.close();
    }
  });
});
