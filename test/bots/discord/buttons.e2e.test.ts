/**
 * Buttons on Discord answers end to end through the real discord.js against the stand-in: a
 * who-solved slash command's answer carries "Introduce me" buttons (custom ids within Discord's
 * 100 characters); the click, as an INTERACTION_CREATE of a button, files a pending introduction
 * that the engine lists, confirmed in an ephemeral follow-up. A survey's option button records
 * the answer through the engine; a multiple-choice question's toggles and Done fit Discord's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSurvey, readSurvey } from '../../../engine/input/index.js';
import { listIntroductions } from '../../../engine/introductions/index.js';
import type { DemoEngine } from '../../helpers/demo-engine.js';
import type { TestRuntime } from '../helpers/runtime.js';
import { member } from '../helpers/world.js';
import { type DiscordWorld, startDiscordWorld, VETTED, vettedGuild } from './bot.js';
import { APP_ID, type DiscordStandIn, type RestCall } from './stand-in.js';

/** The fixtures' user, linked to a Belgian officer in the graph (her INC brokers across every border). */
const AMELIE = '1160000000000000001';
const SANNE = { person: 'demo:person:sanne-brinkhoven', organisation: 'demo:org:scheldemond-police' };
const BOT = '1180000000000000001';

let demo: DemoEngine;
let rt: TestRuntime;
let discord: DiscordStandIn;
let world: DiscordWorld;

beforeAll(async () => {
  world = await startDiscordWorld(
    'ileanet-discord-buttons-',
    {
      rateLimit: { max: 1_000, windowSeconds: 60 },
      identities: { [`discord:${AMELIE}`]: member(SANNE.person, SANNE.organisation, 'BE') },
    },
    vettedGuild([{ id: AMELIE, roles: [VETTED] }, { id: BOT }]),
  );
  ({ demo, rt, discord } = world);
});
afterAll(async () => {
  await world?.close();
});

interface Row {
  readonly type: number;
  readonly components: readonly { readonly type: number; readonly custom_id?: string; readonly label: string }[];
}
const find = (pred: (c: RestCall) => boolean) => () => discord.calls.find(pred);
const edit = (token: string) => (c: RestCall) =>
  c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${token}/messages/@original`;
const followUp = (token: string) => (c: RestCall) => c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${token}`;
const rowsOf = (body: unknown) => (body as { components?: Row[] }).components ?? [];
const buttonsOf = (body: unknown) => rowsOf(body).flatMap((r) => r.components);

/** A slash command `/ileanet <sub>` with string options. */
function command(token: string, sub: string, options: Record<string, string>): void {
  discord.interaction('interaction-who-solved.json', token, (p) => {
    (p['data'] as { options: unknown[] }).options = [
      { name: sub, type: 1, options: Object.entries(options).map(([name, value]) => ({ name, type: 3, value })) },
    ];
  });
}

/** A click on the button with this custom id. */
function click(token: string, customId: string): void {
  discord.interaction('interaction-button.json', token, (p) => {
    (p['data'] as { custom_id: string }).custom_id = customId;
  });
}

describe('buttons on Discord answers', () => {
  it('"Introduce me" on a who-solved hit: a click files a pending introduction about the question', async () => {
    command('tok-intro-ask', 'who-solved', { text: 'drone detection at prisons' });
    const answer = await discord.waitFor(find(edit('tok-intro-ask')));
    const rows = rowsOf(answer.body);
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const r of rows) expect(r.components.length).toBeLessThanOrEqual(5);
    const buttons = buttonsOf(answer.body);
    for (const b of buttons) expect((b.custom_id ?? '').length).toBeLessThanOrEqual(100);
    const introduce = buttons.find((b) => b.label.startsWith('Introduce me to '));
    expect(introduce?.custom_id).toMatch(/^ileanet:(introduce \S+ --about "drone detection at prisons"|#\w+)$/u);
    // The reply's own button stays, after the hits' ones.
    expect(buttons.at(-1)?.label).toBe('More');

    click('tok-intro-click', introduce?.custom_id ?? '');
    const confirmed = await discord.waitFor(find(followUp('tok-intro-click')));
    expect((confirmed.body as { flags: number }).flags & 64).toBe(64);
    expect(JSON.stringify(confirmed.body)).toMatch(/Asked demo:inc:BE to introduce you to /u);
    const listed = await listIntroductions(
      { store: demo.store, discovery: demo.engine.discovery },
      { person: SANNE.person, viewer: { id: 'sanne', clearance: 'network', orgs: [SANNE.organisation] } },
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'pending', question: 'drone detection at prisons' });
    expect((await rt.audit()).at(-1)).toMatchObject({
      platform: 'discord',
      via: 'action',
      command: 'introduce',
      outcome: 'ok',
    });
  });

  it('a long command’s button from before a restart says so, privately, instead of failing silently', async () => {
    click('tok-expired', 'ileanet:#zz');
    const callback = await discord.waitFor(
      find((c) => c.method === 'POST' && c.path.includes('/tok-expired/callback')),
    );
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(callback.body)).toContain('older than the bot’s last restart');
  });

  it('a survey: option buttons record the answer; several choices toggle, with Done', async () => {
    const { survey } = await createSurvey(
      demo.engine,
      {
        title: 'Counter-drone kit',
        questions: [
          { type: 'single', prompt: 'Do you have a jammer?', options: ['Yes', 'No'] },
          {
            type: 'multiple',
            prompt: 'Which sensors?',
            options: ['Radar', 'RF', 'Camera', 'Acoustic', 'Lidar', 'Thermal'],
          },
        ],
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
      {
        viewer: { id: 'koen', clearance: 'network', orgs: [] },
        person: 'demo:person:koen-verhoeve',
        organisation: 'demo:inc:BE',
        role: 'inc',
      },
    );
    command('tok-survey', 'survey', { survey: survey.id });
    // The caller's own answers: an ephemeral follow-up.
    const shown = await discord.waitFor(find(followUp('tok-survey')));
    expect((shown.body as { flags: number }).flags & 64).toBe(64);
    const yes = buttonsOf(shown.body).find((b) => b.label === '1. Yes');
    expect(yes?.custom_id).toBe(`ileanet:answer ${survey.id} 1 1`);

    click('tok-survey-yes', yes?.custom_id ?? '');
    const next = await discord.waitFor(find(followUp('tok-survey-yes')));
    expect(JSON.stringify(next.body)).toContain('Question 2 of 2: Which sensors?');
    // Six toggles and Done: two rows.
    expect(rowsOf(next.body).map((r) => r.components.length)).toEqual([5, 2]);
    const thermal = buttonsOf(next.body).find((b) => b.label === '6. Thermal');
    click('tok-survey-thermal', thermal?.custom_id ?? '');
    const toggled = await discord.waitFor(find(followUp('tok-survey-thermal')));
    expect(buttonsOf(toggled.body).map((b) => b.label)).toContain('✓ 6. Thermal');
    expect(buttonsOf(toggled.body).at(-1)?.label).toBe('Done');

    const view = await readSurvey(demo.engine, survey.id, {
      person: SANNE.person,
      viewer: { id: 'sanne', clearance: 'network', orgs: [] },
    });
    expect(view.mine?.items).toEqual([
      { q: 'q1', choices: ['Yes'] },
      { q: 'q2', choices: ['Thermal'] },
    ]);
  });
});
