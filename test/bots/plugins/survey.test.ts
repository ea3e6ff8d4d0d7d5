/**
 * Surveys in chat through the runtime and the fake transport, over the demo dataset: `survey`
 * lists the open surveys the caller may answer; `survey <id>` walks the questions with buttons
 * (one per option, toggles and Done for several choices, 1 to 5 for a scale) and free text is
 * typed with `answer`; every answer lands, through the engine's answerSurvey, in the person's one
 * answer set, merged question by question (clicks at once lose nothing). Who may not answer is
 * told why, and gets no buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, ReplyAction } from '../../../bots/core/reply.js';
import type { Actor } from '../../../engine/input/actor.js';
import { createSurvey, readSurvey } from '../../../engine/input/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, startFakeBots } from '../helpers/fake-transport.js';

const MARGAUX = { key: 'fake:U-margaux', person: 'demo:person:margaux-fontval', organisation: 'demo:org:orbivia' };
const incBE: Actor = {
  viewer: { id: 'test:koen', clearance: 'network', orgs: [] },
  person: 'demo:person:koen-verhoeve',
  organisation: 'demo:inc:BE',
  role: 'inc',
};
const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

let demo: DemoEngine;
let bots: Bots;
let network: string;
let belgian: string;
beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-bots-survey-' });
  network = (
    await createSurvey(
      demo.engine,
      {
        title: 'Prison drones',
        description: 'What the network should look at next about drones over prisons.',
        questions: [
          { type: 'single', prompt: 'What worries you most?', options: ['Drops', 'Filming'] },
          { type: 'multiple', prompt: 'Which sensors do you use?', options: ['Radar', 'RF', 'Camera'] },
          { type: 'scale', prompt: 'How ready is your service?' },
          { type: 'text', prompt: 'What do you need?' },
        ],
        closesAt: future,
      },
      incBE,
    )
  ).survey.id;
  belgian = (
    await createSurvey(
      demo.engine,
      {
        title: 'Belgian port scanners',
        questions: [{ type: 'single', prompt: 'Do you use one?', options: ['Yes', 'No'] }],
        closesAt: future,
        audience: 'BE',
      },
      incBE,
    )
  ).survey.id;
  // A survey that closed: listed nowhere, answered by no one.
  await demo.store.upsert({
    nodes: [
      {
        kind: 'Survey',
        id: 'e2e:survey:closed',
        visibility: 'network',
        title: 'Last year’s needs',
        questions: [JSON.stringify({ id: 'q1', type: 'text', prompt: 'Anything?' })],
        closesAt: '2025-01-31',
      },
    ],
  });
  bots = await startFakeBots(demo.engine, {
    rateLimit: { max: 1_000, windowSeconds: 60 },
    identities: {
      ...MEMBERS,
      [MARGAUX.key]: { role: 'member', person: MARGAUX.person, organisation: MARGAUX.organisation, country: 'FR' },
      'fake:U-nobody': { role: 'member' },
    },
  });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});

const last = () => bots.transport.last();
const buttons = (r: Reply): ReplyAction[] => [
  ...r.sections.flatMap((s) => s.items.flatMap((i) => i.actions ?? [])),
  ...r.actions,
];
const commands = (r: Reply) => buttons(r).map((a) => a.command);
const mine = async (person: string, survey: string) =>
  (await readSurvey(demo.engine, survey, { person, viewer: { id: person, clearance: 'network', orgs: [] } })).mine
    ?.items;

describe('surveys in chat', () => {
  it('`survey` lists the open surveys the caller may answer, each with its button', async () => {
    await bots.transport.slash('U-sanne', 'survey');
    const r = last().reply;
    expect(last().place).toBe('private:U-sanne@C-general');
    const listed = r.sections[0]?.items ?? [];
    expect(listed.map((i) => i.id).sort()).toEqual([belgian, network].sort());
    expect(listed.find((i) => i.id === belgian)?.facts).toContain('for BE');
    expect(commands(r).sort()).toEqual([`survey ${belgian}`, `survey ${network}`].sort());
    // Hugo is French: the Belgian survey is not his to answer, the closed one nobody's.
    await bots.transport.slash('U-hugo', 'surveys');
    expect(last().reply.sections[0]?.items.map((i) => i.id)).toEqual([network]);
  });

  it('walks the questions with buttons: one choice, toggles and Done, a scale, then free text typed; one answer set', async () => {
    // The number of the survey in the list just shown stands for it.
    await bots.transport.slash('U-hugo', 'survey 1');
    let r = last().reply;
    expect(r.title).toBe('Prison drones');
    expect(r.text).toBe(
      'What the network should look at next about drones over prisons.\nQuestion 1 of 4: What worries you most?\nChoose one option.',
    );
    expect(commands(r)).toEqual([`answer ${network} 1 1`, `answer ${network} 1 2`, `survey ${network} 2`]);
    expect(buttons(r).map((b) => b.label)).toEqual(['1. Drops', '2. Filming', 'Skip']);

    await bots.transport.click('U-hugo', `answer ${network} 1 2`);
    r = last().reply;
    expect(last().place).toBe('private:U-hugo@C-general');
    expect(r.text).toContain('Recorded for question 1: “Filming”.');
    expect(r.text).toContain('Question 2 of 4: Which sensors do you use?');
    expect(commands(r)).toEqual([
      `answer ${network} 2 --toggle 1`,
      `answer ${network} 2 --toggle 2`,
      `answer ${network} 2 --toggle 3`,
      `survey ${network}`,
    ]);

    await bots.transport.click('U-hugo', `answer ${network} 2 --toggle 1`);
    await bots.transport.click('U-hugo', `answer ${network} 2 --toggle 3`);
    r = last().reply;
    expect(r.text).toContain('Recorded for question 2: “Radar”, “Camera”.');
    expect(buttons(r).map((b) => b.label)).toEqual(['✓ 1. Radar', '2. RF', '✓ 3. Camera', 'Done']);
    await bots.transport.click('U-hugo', `answer ${network} 2 --toggle 1`);
    expect(last().reply.text).toContain('Recorded for question 2: “Camera”.');
    expect(await mine(PEOPLE.hugo.person, network)).toEqual([
      { q: 'q1', choices: ['Filming'] },
      { q: 'q2', choices: ['Camera'] },
    ]);

    await bots.transport.click('U-hugo', `survey ${network}`);
    r = last().reply;
    expect(r.text).toContain('Question 3 of 4: How ready is your service?');
    expect(buttons(r).map((b) => b.label)).toEqual(['1', '2', '3', '4', '5', 'Skip']);
    await bots.transport.click('U-hugo', `answer ${network} 3 4`);
    r = last().reply;
    expect(r.text).toContain('Recorded for question 3: 4 of 5.');
    expect(r.text).toContain('Question 4 of 4: What do you need?');
    expect(r.text).toContain(`Answer in words: /ileanet answer ${network} 4 <your answer>`);
    expect(buttons(r)).toEqual([]);

    await bots.transport.slash('U-hugo', `answer ${network} 4 A shared test range for counter-drone sensors`);
    r = last().reply;
    expect(r.text).toContain('You answered every question: thank you.');
    expect(r.footer).toMatch(/^You answered 4 of 4/u);
    expect(commands(r)).toEqual([1, 2, 3, 4].map((n) => `survey ${network} ${n}`));
    expect(await mine(PEOPLE.hugo.person, network)).toEqual([
      { q: 'q1', choices: ['Filming'] },
      { q: 'q2', choices: ['Camera'] },
      { q: 'q3', scale: 4 },
      { q: 'q4', text: 'A shared test range for counter-drone sensors' },
    ]);

    // Changing one answer keeps the others.
    await bots.transport.click('U-hugo', `answer ${network} 1 1`);
    expect((await mine(PEOPLE.hugo.person, network))?.[0]).toEqual({ q: 'q1', choices: ['Drops'] });
    expect(await mine(PEOPLE.hugo.person, network)).toHaveLength(4);
    const answers = await demo.store.list(
      { kind: 'SurveyAnswer', where: { survey: network } },
      { id: 'a', clearance: 'all', orgs: [] },
    );
    expect(answers.items).toHaveLength(1);
  });

  it('clicks sent at once on different questions lose nothing', async () => {
    await Promise.all([
      bots.transport.click('U-margaux', `answer ${network} 1 1`),
      bots.transport.click('U-margaux', `answer ${network} 3 2`),
      bots.transport.click('U-margaux', `answer ${network} 2 --toggle 2`),
      bots.transport.click('U-margaux', `answer ${network} 4 Better radar coverage`),
    ]);
    expect(await mine(MARGAUX.person, network)).toEqual([
      { q: 'q1', choices: ['Drops'] },
      { q: 'q2', choices: ['RF'] },
      { q: 'q3', scale: 2 },
      { q: 'q4', text: 'Better radar coverage' },
    ]);
  });

  it('says what is wrong: an option or scale out of range, the audience, a closed survey, no person, a guest', async () => {
    await bots.transport.click('U-sanne', `answer ${network} 1 9`);
    expect(last().text).toContain('Question 1 has options 1 to 2, not 9.');
    await bots.transport.click('U-sanne', `answer ${network} 3 7`);
    expect(last().text).toContain('Question 3 wants a number from 1 to 5, not “7”.');
    await bots.transport.click('U-sanne', `answer ${network} 5 1`);
    expect(last().text).toContain(`Survey ${network} has questions 1 to 4, not 5.`);
    // Removing the only choice of one's only answer would leave an empty set.
    await bots.transport.click('U-sanne', `answer ${belgian} 1 1`);
    await bots.transport.click('U-sanne', `answer ${network} 2 --toggle 1`);
    expect((await mine(PEOPLE.sanne.person, network))?.[0]).toEqual({ q: 'q2', choices: ['Radar'] });
    await bots.transport.click('U-sanne', `answer ${network} 2 --toggle 1`);
    expect(last().text).toContain('needs one choice at least while it is your only answer');

    await bots.transport.slash('U-hugo', `survey ${belgian}`);
    expect(last().reply.text).toContain('It asks the people of BE.');
    expect(commands(last().reply)).toEqual([]);
    await bots.transport.click('U-hugo', `answer ${belgian} 1 1`);
    expect(last().text).toContain('You cannot answer “Belgian port scanners”: It asks the people of BE.');

    await bots.transport.slash('U-sanne', 'survey e2e:survey:closed');
    expect(last().reply.text).toContain('It closed on 2025-01-31.');
    expect(commands(last().reply)).toEqual([]);

    await bots.transport.slash('U-nobody', `survey ${network}`);
    expect(last().reply.text).toContain('your chat account must be linked to your person');
    expect(commands(last().reply)).toEqual([]);

    // A guest sees no network survey, and may not answer at all.
    await bots.transport.slash('U-guest', `survey ${network}`);
    expect(last().text).toMatch(/no survey/iu);
    await bots.transport.click('U-guest', `answer ${network} 1 1`);
    expect(last().text).toContain('may not use answer');
  });

  it('is in the help', async () => {
    await bots.transport.slash('U-sanne', 'help');
    expect(last().text).toContain('/ileanet survey [survey] [question]');
    expect(last().text).toContain('/ileanet answer <survey> <question> [value] [--toggle N]');
    await bots.transport.slash('U-sanne', 'help answer');
    expect(last().text).toContain('--toggle');
  });
});
