/**
 * "Introduce me" end to end through the real @slack/bolt: a signed slash command gets a who-solved
 * answer whose people and organisations carry the button (in Block Kit, the command in its
 * value); a signed click on it, as Slack sends block_actions, files a pending introduction that the
 * engine lists, confirmed ephemerally on the response_url; and a survey question's button records
 * the answer through the engine.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSurvey, readSurvey } from '../../../engine/input/index.js';
import { listIntroductions } from '../../../engine/introductions/index.js';
import type { DemoEngine } from '../../helpers/demo-engine.js';
import type { TestRuntime } from '../helpers/runtime.js';
import { member } from '../helpers/world.js';
import { postSigned, type SlackWorld, startSlackWorld } from './bot.js';
import type { SlackStandIn } from './stand-in.js';

const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8')) as T;

/** The fixtures' user: a Belgian officer in the graph, whose INC brokers across every border. */
const AMELIE = 'U2147483697';
const SANNE = { person: 'demo:person:sanne-brinkhoven', organisation: 'demo:org:scheldemond-police' };
/** The fixtures' channel: vetted members only. */
const CHANNEL = 'C2147483705';

let demo: DemoEngine;
let rt: TestRuntime;
let api: SlackStandIn;
let url: string;
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld('ileanet-slack-buttons-', {
    rateLimit: { max: 1_000, windowSeconds: 60 },
    identities: { [`slack:${AMELIE}`]: member(SANNE.person, SANNE.organisation, 'BE') },
  });
  ({ demo, rt, api, url } = world);
  api.setMembers(CHANNEL, [AMELIE, 'U0LAN0Z89']);
});
afterAll(async () => {
  await world?.close();
});

async function signed(body: string): Promise<void> {
  const res = await postSigned(url, body);
  expect(res.status).toBe(200);
}

let n = 0;
/** A slash command; resolves with what the bot posted on its response_url. */
async function slash(text: string): Promise<Record<string, unknown>> {
  const id = `buttons-cmd-${++n}`;
  await signed(
    new URLSearchParams({
      ...fixture<Record<string, string>>('slash-command.json'),
      text,
      user_id: AMELIE,
      response_url: api.responseUrl(id),
    }).toString(),
  );
  return (await api.waitFor(() => api.responses.find((r) => r.path === `/response/${id}`))).body;
}

interface Button {
  readonly type: string;
  readonly action_id: string;
  readonly value: string;
  readonly text: { readonly text: string };
}
const buttonsOf = (blocks: unknown): Button[] =>
  ((blocks ?? []) as { elements?: Button[]; accessory?: Button }[]).flatMap((b) => [
    ...(b.elements ?? []).filter((e) => e.type === 'button'),
    ...(b.accessory?.type === 'button' ? [b.accessory] : []),
  ]);

/** A click on `button`, as Slack sends block_actions; resolves with the answer on its response_url. */
async function click(button: Button): Promise<Record<string, unknown>> {
  const id = `buttons-click-${++n}`;
  const payload = fixture<Record<string, unknown>>('block-actions.json');
  payload['response_url'] = api.responseUrl(id);
  payload['actions'] = [{ ...button, block_id: 'b1', action_ts: '1700000001.000100' }];
  await signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  return (await api.waitFor(() => api.responses.find((r) => r.path === `/response/${id}`))).body;
}

describe('buttons on Slack answers', () => {
  it('"Introduce me" on a who-solved hit: a click files a pending introduction about the question', async () => {
    const answer = await slash('who-solved drone detection at prisons');
    const buttons = buttonsOf(answer['blocks']).filter((b) => b.value.startsWith('introduce '));
    expect(buttons.length).toBeGreaterThan(0);
    const button = buttons[0] as Button;
    expect(button.text.text).toMatch(/^Introduce me to /u);
    expect(button.value).toMatch(/^introduce \S+ --about "drone detection at prisons"$/u);
    expect(button.action_id).toMatch(/^ileanet-\d+$/u);

    const confirmed = await click(button);
    expect(confirmed['response_type']).toBe('ephemeral');
    expect(String(confirmed['text'])).toMatch(/Asked demo:inc:BE to introduce you to /u);
    const target = button.value.split(' ')[1];
    const listed = await listIntroductions(
      { store: demo.store, discovery: demo.engine.discovery },
      { person: SANNE.person, viewer: { id: 'sanne', clearance: 'network', orgs: [SANNE.organisation] } },
    );
    expect(listed.filter((v) => v.target === target)).toMatchObject([
      { status: 'pending', question: 'drone detection at prisons', incs: ['demo:inc:BE'] },
    ]);
    expect((await rt.audit()).at(-1)).toMatchObject({ via: 'action', command: 'introduce', outcome: 'ok' });
  });

  it('a survey question’s option button records the answer', async () => {
    const { survey } = await createSurvey(
      demo.engine,
      {
        title: 'Night shifts',
        questions: [{ type: 'single', prompt: 'Enough staff at night?', options: ['Yes', 'No'] }],
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
      {
        viewer: { id: 'koen', clearance: 'network', orgs: [] },
        person: 'demo:person:koen-verhoeve',
        organisation: 'demo:inc:BE',
        role: 'inc',
      },
    );
    const shown = await slash(`survey ${survey.id}`);
    const no = buttonsOf(shown['blocks']).find((b) => b.value === `answer ${survey.id} 1 2`);
    expect(no?.text.text).toBe('2. No');
    const done = await click(no as Button);
    expect(JSON.stringify(done['blocks'])).toContain('You answered every question: thank you.');
    const view = await readSurvey(demo.engine, survey.id, {
      person: SANNE.person,
      viewer: { id: 'sanne', clearance: 'network', orgs: [] },
    });
    expect(view.mine?.items).toEqual([{ q: 'q1', choices: ['No'] }]);
  });
});
