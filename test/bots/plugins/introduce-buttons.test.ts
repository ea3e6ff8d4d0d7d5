/**
 * "Introduce me" on hits and "Request access" on restricted hits, through the runtime and the
 * fake transport: who-solved, match and suggest offer a button per person and organisation to a
 * member linked to a person (never on themselves or their own organisation, never to a guest or
 * an unlinked member); a click files a pending introduction about the answer's need, with a message
 * made from it, that the engine lists; the engine's rules (a duplicate) come back as messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip, type Reply, type ReplyAction } from '../../../bots/core/reply.js';
import { listIntroductions } from '../../../engine/introductions/index.js';
import { SYSTEM } from '../../../graph/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, startFakeBots } from '../helpers/fake-transport.js';

/** A discoverable restricted result of the Belgian police zone: Hugo (Orbivia) gets only a handle. */
const WORK = 'e2e:result:scanner-triage';

let demo: DemoEngine;
let bots: Bots;
beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-intro-buttons-' });
  const node = {
    id: WORK,
    kind: 'Result' as const,
    visibility: 'restricted' as const,
    owner: PEOPLE.sanne.organisation,
    discoverable: true,
    date: '2025-09-17',
    title: 'Container scanner anomaly triage at the port terminals',
    description: 'Triage of container scanner anomalies at the port terminals during night shifts',
  };
  await demo.store.upsert({ nodes: [node] });
  await demo.engine.afterWrite([node]);
  bots = await startFakeBots(demo.engine, {
    rateLimit: { max: 1_000, windowSeconds: 60 },
    identities: { ...MEMBERS, 'fake:U-nobody': { role: 'member' } },
  });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});

const last = () => bots.transport.last();
const actionsOf = (r: Reply): ReplyAction[] => r.sections.flatMap((s) => s.items.flatMap((i) => i.actions ?? []));
const introduceButtons = (r: Reply) => actionsOf(r).filter((a) => a.command.startsWith('introduce '));
const as = (p: { person: string; organisation: string }) => ({
  person: p.person,
  viewer: { id: p.person, clearance: 'network' as const, orgs: [p.organisation] },
});
const sanne = as(PEOPLE.sanne);
const introductionsOf = (actor: ReturnType<typeof as>) =>
  listIntroductions({ store: demo.store, discovery: demo.engine.discovery }, actor);

describe('"Introduce me" buttons on hits', () => {
  it('who-solved: a button per person and organisation, none on the asker’s own organisation; a click files the request about the question', async () => {
    await bots.transport.slash('U-sanne', 'who-solved drone detection at prisons --all');
    const r = last().reply;
    const people = r.sections.find((s) => s.title === 'Experts')?.items ?? [];
    const orgs = r.sections.find((s) => s.title === 'Organisations')?.items ?? [];
    expect(people.length + orgs.length).toBeGreaterThan(1);
    for (const item of [...people, ...orgs]) {
      // Sanne's INC (BE) brokers across every border: only her own organisation goes without.
      if (item.id === PEOPLE.sanne.organisation) expect(item.actions).toBeUndefined();
      else
        expect(item.actions).toEqual([
          {
            label: clip(`Introduce me to ${item.title}`, 60),
            command: `introduce ${item.id} --about "drone detection at prisons"`,
          },
        ]);
    }
    for (const item of r.sections.find((s) => s.title === 'Results, projects and documents')?.items ?? [])
      expect(item.actions).toBeUndefined();

    const button = introduceButtons(r)[0];
    expect(button).toBeDefined();
    const target = button?.command.split(' ')[1];
    await bots.transport.click('U-sanne', button?.command ?? '');
    expect(last().place).toBe('private:U-sanne@C-general');
    expect(last().reply.text).toMatch(/^Asked demo:inc:BE to introduce you to /u);
    expect(last().reply.text).toContain('To use your own words instead, withdraw it and type /ileanet introduce');
    const mine = (await introductionsOf(sanne)).filter((v) => v.target === target);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      status: 'pending',
      question: 'drone detection at prisons',
      message: "I found you in ileanet's answer about “drone detection at prisons” and would like to talk about it.",
    });
    // A second click is the engine's duplicate, told as such.
    await bots.transport.click('U-sanne', button?.command ?? '');
    expect(last().text).toContain('already have a pending request');
  });

  it('no button where no INC would broker it: Hugo (FR, no INC) is offered only Belgian and Polish hits', async () => {
    await bots.transport.slash('U-hugo', 'who-solved drone detection at prisons --all --limit 10');
    const hits = last()
      .reply.sections.filter((s) => s.title === 'Experts' || s.title === 'Organisations')
      .flatMap((s) => s.items);
    const countries = new Map(
      (
        await demo.store.getNodes(
          hits.map((h) => h.id ?? ''),
          SYSTEM,
        )
      ).map((n) => [n.id, 'country' in n ? n.country : undefined]),
    );
    const offered = hits.filter((h) => (h.actions ?? []).length > 0).map((h) => countries.get(h.id ?? ''));
    const withheld = hits.filter((h) => (h.actions ?? []).length === 0).map((h) => countries.get(h.id ?? ''));
    expect(offered.length).toBeGreaterThan(0);
    expect(withheld.length).toBeGreaterThan(0);
    for (const c of offered) expect(['BE', 'PL']).toContain(c);
    for (const c of withheld) expect(['BE', 'PL']).not.toContain(c);
  });

  it('match: the button carries the challenge; the message names its title', async () => {
    await bots.transport.slash('U-sanne', 'match demo:challenge:prison-drone-drops --limit 5');
    const buttons = introduceButtons(last().reply);
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons)
      expect(b.command).toMatch(/^introduce \S+ --challenge demo:challenge:prison-drone-drops$/u);
    const already = new Set((await introductionsOf(sanne)).map((v) => v.target));
    const fresh = buttons.find((b) => !already.has(b.command.split(' ')[1]));
    expect(fresh).toBeDefined();
    await bots.transport.click('U-sanne', fresh?.command ?? '');
    const made = (await introductionsOf(sanne)).find((v) => v.target === fresh?.command.split(' ')[1]);
    expect(made).toMatchObject({ status: 'pending', challenge: 'demo:challenge:prison-drone-drops' });
    expect(made?.message).toMatch(
      /^I found you in ileanet's answer about the challenge “.+” and would like to talk about it\.$/u,
    );
  });

  it('suggest: a button per suggested organisation; a click files the request', async () => {
    await bots.transport.slash('U-sanne', 'suggest');
    const r = last().reply;
    const items = r.sections[0]?.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.actions?.[0]?.command).toMatch(
        new RegExp(`^introduce ${item.id} --(challenge \\S+|about ".+")$`, 'u'),
      );
    }
    // A click files it about the challenge of Sanne's that the partner's work answers, or the suggestion in words.
    const already = new Set((await introductionsOf(sanne)).map((v) => v.target));
    const fresh = items.find((i) => !already.has(i.id));
    await bots.transport.click('U-sanne', fresh?.actions?.[0]?.command ?? '');
    const made = (await introductionsOf(sanne)).find((v) => v.target === fresh?.id);
    expect(made?.status).toBe('pending');
    expect(made?.challenge ?? made?.question).toMatch(/^(demo:challenge:\S+|partners for .+)$/u);
  });

  it('nothing to introduce for a guest or a member the config links to no person; and nobody is offered themselves', async () => {
    await bots.transport.slash('U-guest', 'who-solved drone detection at prisons --all');
    expect(introduceButtons(last().reply)).toEqual([]);
    await bots.transport.slash('U-nobody', 'who-solved drone detection at prisons --all');
    expect(introduceButtons(last().reply)).toEqual([]);
    // A guest who clicks someone else's button is refused by their role.
    await bots.transport.click('U-guest', `introduce ${PEOPLE.sanne.person} --about "drones"`);
    expect(last().text).toContain('may not use introduce');
    // Sanne asks about her own field: she is not among the hits, her organisation has no button.
    await bots.transport.slash('U-sanne', 'who-solved drone detection at prisons --all --limit 10');
    const r = last().reply;
    expect(r.sections.flatMap((s) => s.items).some((i) => i.id === PEOPLE.sanne.person)).toBe(false);
    for (const b of introduceButtons(r)) {
      expect(b.command).not.toContain(PEOPLE.sanne.person);
      expect(b.command).not.toContain(PEOPLE.sanne.organisation);
    }
  });

  it('restricted hits in a DM: "Request access" asks for the introduction by the handle, never naming the work', async () => {
    await bots.transport.dm('U-hugo', 'who-solved container scanner anomaly triage at the port terminals');
    const r = last().reply;
    const section = r.sections.find((s) => s.title === 'Restricted work that matches');
    expect(section?.items).toHaveLength(1);
    const request = section?.items[0]?.actions?.[0];
    expect(request?.label).toBe('Request access');
    expect(request?.command).toMatch(
      /^introduce rh_[\w-]{22} --about "container scanner anomaly triage at the port terminals"$/u,
    );
    expect(JSON.stringify(r)).not.toContain(WORK);
    await bots.transport.dm('U-hugo', request?.command ?? '');
    expect(last().reply.text).toMatch(/to introduce you to the owner of a restricted work/u);
    const made = (await introductionsOf(as(PEOPLE.hugo))).find((v) => v.viaHandle);
    expect(made).toMatchObject({
      status: 'pending',
      question: 'container scanner anomaly triage at the port terminals',
    });
    expect(made?.message).toContain('would like to ask for access');
    expect(JSON.stringify(made)).not.toContain(WORK);
  });

  it('typed: `introduce <ref>` without a need or a message says how to add one', async () => {
    await bots.transport.slash('U-hugo', `introduce ${PEOPLE.sanne.person}`);
    expect(last().text).toContain(`Say what you need: /ileanet introduce ${PEOPLE.sanne.person} <your message>`);
  });
});
