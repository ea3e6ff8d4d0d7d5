/**
 * Talking to the bot as people type: a mistyped command gets one "did you mean" line, a number
 * answers the list last shown, short challenge ids work wherever an id does, an unquoted
 * --description keeps its words, and over-long input is refused with the reason and the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitArgs } from '../../../bots/core/args.js';
import { shortChallengeId } from '../../../bots/core/refs.js';
import { submitChallengeCommand } from '../../../bots/plugins/submit-challenge.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, startFakeBots } from '../helpers/fake-transport.js';

let demo: DemoEngine;
let bots: Bots;
beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-bots-' });
  bots = await startFakeBots(demo.engine, { rateLimit: { max: 1_000, windowSeconds: 60 }, identities: MEMBERS });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});
const last = () => bots.transport.last();

describe('did you mean', () => {
  it.each([
    ['who-solvd drones', 'who-solved'],
    ['sugest', 'suggest'],
    ['trnds', 'trends'],
    ['pol', 'poll'],
  ])('“%s” gets one line naming %s, not the help', async (line, meant) => {
    const out = await bots.transport.slash('U-sanne', line);
    expect(out.outcome).toBe('unknown');
    expect(last().text).toBe(
      `I do not know “${line.split(' ')[0]}”: did you mean /ileanet ${meant}? (/ileanet help lists everything I do.)`,
    );
  });

  it('still shows the help for a word that is no command at all', async () => {
    await bots.transport.slash('U-sanne', 'frobnicate');
    expect(last().text).toContain('I do not know the command “frobnicate”');
    expect(last().text).toContain('/ileanet who-solved');
  });
});

describe('more', () => {
  it('typed alone runs the More button of the asker’s last answer', async () => {
    await bots.transport.slash('U-hugo', 'who-solved crypto wallets during searches');
    expect(last().reply.actions).toEqual([
      { label: 'More', command: 'who-solved "crypto wallets during searches" --all' },
    ]);
    const out = await bots.transport.mention('U-hugo', 'ileanet more');
    expect(out.command).toBe('who-solved');
    expect((await bots.audit()).at(-1)).toMatchObject({
      via: 'mention',
      args: { text: 'crypto wallets during searches', all: true },
    });
    expect(last().reply.sections.map((s) => s.title)).toContain('Experts');
  });
});

describe('numbers and short ids', () => {
  it('votes for the first of the similar challenges just shown, by number', async () => {
    await bots.transport.slash('U-sanne', 'submit-challenge Drones drop phones into our prison yard at night');
    const shown = last().reply.sections[0]?.items ?? [];
    expect(shown.length).toBeGreaterThan(0);
    // Each similar challenge carries its short id beside the stored one.
    expect(shown[0]?.facts?.[0]).toBe(shortChallengeId(shown[0]?.id ?? ''));
    const out = await bots.transport.slash('U-sanne', 'vote 1');
    expect(out.outcome).toBe('ok');
    const audit = (await bots.audit()).at(-1);
    expect(audit?.args).toMatchObject({ target: shown[0]?.id });
    expect(last().text).toMatch(/^Your vote for “/u);
  });

  it('says what a number cannot refer to', async () => {
    await bots.transport.slash('U-hugo', 'poll');
    const n = last().reply.sections[0]?.items.length ?? 0;
    await bots.transport.slash('U-hugo', `poll ${n + 1}`);
    expect(last().text).toContain(`The last list I showed you has ${n} items; there is no ${n + 1}.`);
  });

  it('takes a short challenge id wherever an id goes, and says when it names nothing', async () => {
    const short = shortChallengeId('demo:challenge:prison-drone-drops');
    expect(short).toMatch(/^C-\d{5}$/u);
    expect(shortChallengeId('demo:challenge:prison-drone-drops')).toBe(short);
    await bots.transport.slash('U-sanne', `match ${short.toLowerCase()}`);
    expect(last().reply.title).toBe('Who could answer “Detect drones dropping contraband over prison walls at night”');
    await bots.transport.slash('U-sanne', 'match C-00000');
    expect(last().text).toContain('There is no challenge C-00000 (or you may not see it).');
  });

  it('gives every demo challenge its own short id', async () => {
    const page = await demo.engine.store.list(
      { kind: 'Challenge', limit: 1_000 },
      { id: 's', clearance: 'all', orgs: [] },
    );
    const shorts = new Set(page.items.map((c) => shortChallengeId(c.id)));
    expect(shorts.size).toBe(page.items.length);
  });
});

describe('options as people type them', () => {
  it('keeps an unquoted --description whole, with the title before it', () => {
    expect(
      splitArgs(
        submitChallengeCommand,
        'Drone drops at remand prisons --description Packages with phones are dropped at night --country FR',
      ),
    ).toEqual({
      title: 'Drone drops at remand prisons',
      description: 'Packages with phones are dropped at night',
      country: 'FR',
    });
    // Quoted, as before.
    expect(splitArgs(submitChallengeCommand, 'Drone drops --description "Packages at night"')).toEqual({
      title: 'Drone drops',
      description: 'Packages at night',
    });
  });

  it('refuses an over-long title with its length and what to do instead', async () => {
    const long = `Drones ${'deliver phones and drugs to inmates '.repeat(90)}`;
    await bots.transport.slash('U-sanne', `submit-challenge ${long}`);
    expect(last().text).toContain(
      `is ${long.trim().length.toLocaleString('en')} characters long, and a title is one line of at most 1,000: say the need in a sentence, and put the rest after --description`,
    );
  });

  it('refuses an over-long question with its length and what to do instead', async () => {
    const long = `drone detection ${'at prisons near the perimeter fence '.repeat(40)}`.trim();
    await bots.transport.slash('U-sanne', `who-solved ${long}`);
    expect(last().text).toContain(
      `is ${long.length.toLocaleString('en')} characters long; I match questions of up to 1,000.`,
    );
    expect(last().text).not.toMatch(/are taken/u);
  });
});
