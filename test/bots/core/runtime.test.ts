/**
 * The runtime through a fake transport (as bolt-js tests its App with a FakeReceiver), over a
 * real engine on the demo dataset: who is asking and what they see, permissions, rate limits,
 * bad input, engine failures, where answers go, and the audit log.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { builtInRegistry } from '../../../bots/plugins/index.js';
import { SYSTEM } from '../../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, startFakeBots } from '../helpers/fake-transport.js';

let demo: DemoEngine;
beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-bots-' });
});
afterAll(async () => {
  await demo?.close();
});

const RESTRICTED_RESULT = 'Screening of recorded calls for cloned voices';

describe('identity, role and viewer', () => {
  let bots: Bots;
  beforeAll(async () => {
    bots = await startFakeBots(demo.engine, {
      privacy: { dmFrom: 'never' },
      rateLimit: { max: 1_000, windowSeconds: 60 },
      identities: {
        ...MEMBERS,
        'fake:U-auditor': { role: 'admin' },
        'fake:@*:police.example': { role: 'member' },
      },
    });
  });
  afterAll(() => bots.close());

  /** The visibility of every node the last reply showed, read as SYSTEM (what the asker could not check). */
  async function shownVisibilities(): Promise<Set<string>> {
    const ids = bots.transport.last().reply.sections.flatMap((s) => s.items.map((i) => i.id ?? ''));
    expect(ids.length).toBeGreaterThan(0);
    return new Set((await demo.engine.store.getNodes(ids, SYSTEM)).map((n) => n.visibility));
  }

  it('gives an unknown user the guest role: public nodes only', async () => {
    await bots.transport.slash('U-stranger', 'who-solved drone detection --limit 10');
    expect(await shownVisibilities()).toEqual(new Set(['public']));
    expect((await bots.audit()).at(-1)).toMatchObject({ user: 'fake:U-stranger', role: 'guest' });
  });

  it('lets a member see network nodes, and their own organisation’s restricted ones', async () => {
    await bots.transport.slash('U-sanne', 'who-solved drone detection --limit 10');
    expect(await shownVisibilities()).toEqual(new Set(['public', 'network']));
    await bots.transport.slash('U-sanne', 'who-solved cloned voices in fraud calls');
    expect(bots.transport.last().text).not.toContain(RESTRICTED_RESULT);
    await bots.transport.slash('U-hugo', 'who-solved cloned voices in fraud calls');
    expect(bots.transport.last().text).toContain(RESTRICTED_RESULT);
  });

  it('gives clearance all to an admin, and roles to a pattern of user ids', async () => {
    await bots.transport.slash('U-auditor', 'who-solved cloned voices in fraud calls');
    expect(bots.transport.last().text).toContain(RESTRICTED_RESULT);
    await bots.transport.slash('@ana:police.example', 'who-solved drone detection --limit 10');
    expect(await shownVisibilities()).toContain('network');
    expect((await bots.audit()).at(-1)).toMatchObject({ role: 'member', user: 'fake:@ana:police.example' });
  });
});

describe('permissions', () => {
  let bots: Bots;
  beforeAll(async () => {
    bots = await startFakeBots(demo.engine, {
      rateLimit: { max: 1_000, windowSeconds: 60 },
      roles: { reader: { clearance: 'network', permissions: ['read'] } },
      identities: { ...MEMBERS, 'fake:U-reader': { role: 'reader' } },
    });
  });
  afterAll(() => bots.close());

  it('refuses a command the role does not grant, privately, and says which permission it needs', async () => {
    const out = await bots.transport.slash('U-stranger', 'suggest --country BE');
    expect(out).toMatchObject({ delivery: 'private', outcome: 'denied', command: 'suggest' });
    expect(bots.transport.last().text).toBe(
      'Your role (guest) may not use suggest: it needs the “suggest” permission. An administrator of this bot can grant it.',
    );
    expect(bots.transport.last().place).toBe('private:U-stranger@C-general');
  });

  it('applies to buttons too, and to configured roles', async () => {
    expect((await bots.transport.click('U-reader', 'vote demo:challenge:prison-drone-drops up')).outcome).toBe(
      'denied',
    );
    expect((await bots.transport.slash('U-reader', 'trends')).outcome).toBe('ok');
    // A role without "help" still gets help for an unknown command rather than silence.
    const unknown = await bots.transport.slash('U-reader', 'frobnicate');
    expect(unknown.outcome).toBe('unknown');
    expect(bots.transport.last().text).toContain('/ileanet trends');
    expect(bots.transport.last().text).not.toContain('/ileanet vote');
  });
});

describe('rate limits', () => {
  it('allows max commands per window per user, tells the others when to retry, and forgets after the window', async () => {
    let t = Date.parse('2026-03-01T10:00:00Z');
    const bots = await startFakeBots(demo.engine, { rateLimit: { max: 3, windowSeconds: 60 } }, { now: () => t });
    try {
      for (let i = 0; i < 3; i++) expect((await bots.transport.slash('U-a', 'help')).outcome).toBe('ok');
      t += 20_000;
      const refused = await bots.transport.slash('U-a', 'help');
      expect(refused).toMatchObject({ outcome: 'rate-limited', delivery: 'private' });
      expect(bots.transport.last().text).toMatch(/please wait 40 s\.$/u);
      // Another user is not affected.
      expect((await bots.transport.slash('U-b', 'help')).outcome).toBe('ok');
      t += 40_001;
      expect((await bots.transport.slash('U-a', 'help')).outcome).toBe('ok');
      const audit = await bots.audit();
      expect(audit.filter((e) => e.outcome === 'rate-limited').map((e) => e.user)).toEqual(['fake:U-a']);
    } finally {
      await bots.close();
    }
  });
});

describe('bad input', () => {
  let bots: Bots;
  beforeAll(async () => {
    bots = await startFakeBots(demo.engine, { identities: MEMBERS, rateLimit: { max: 1_000, windowSeconds: 60 } });
  });
  afterAll(() => bots.close());

  it('answers an unknown command with help, and an empty mention with help in place', async () => {
    const out = await bots.transport.slash('U-x', 'frobnicate the widgets');
    expect(out).toMatchObject({ outcome: 'unknown', delivery: 'private' });
    expect(bots.transport.last().text).toMatch(/^ileanet commands\nI do not know the command “frobnicate”\./u);
    const empty = await bots.transport.mention('U-x', 'ileanet');
    expect(empty).toMatchObject({ outcome: 'ok', delivery: 'here' });
    expect(bots.transport.last().text).toMatch(/^ileanet commands/u);
    // Help itself, and a bare /ileanet, answer the asker only.
    expect((await bots.transport.slash('U-x', '')).delivery).toBe('private');
    expect((await bots.transport.slash('U-x', 'help')).delivery).toBe('private');
    const chatter = await bots.transport.mention('U-x', 'ileanet, lovely weather today');
    expect(chatter.outcome).toBe('unknown');
    expect(bots.transport.last().text).toContain('I did not understand that.');
  });

  it('says what is wrong with malformed arguments, with the usage', async () => {
    const cases: [string, string][] = [
      [
        'who-solved drones --colour red',
        'who-solved: unknown option --colour; it takes --country, --kind, --min-trl, --limit, --all',
      ],
      ['who-solved drones --min-trl high', 'who-solved: --min-trl must be a number'],
      ['who-solved drones --limit', 'who-solved: --limit needs a value'],
      ['who-solved --country FR', 'who-solved: <text> is missing'],
      ['who-solved drones --limit 50', 'who-solved: --limit must be at most 10 in chat (the dashboard shows more)'],
      [
        'who-solved drones --kind police',
        'who-solved: --kind must be one of lea, academia, research, industry, public, ngo, other',
      ],
      ['trends in general', 'trends: it takes no words, only options (--country, --by, --from); got "in general"'],
      ['match', 'match: <challenge> is missing'],
    ];
    for (const [typed, problem] of cases) {
      const out = await bots.transport.slash('U-x', typed);
      expect(out, typed).toMatchObject({ outcome: 'invalid', delivery: 'private' });
      const [first, second] = bots.transport.last().text.split('\n');
      expect(first, typed).toBe(problem);
      expect(second, typed).toMatch(/^Usage: \/ileanet /u);
    }
  });

  it('passes the engine’s own validation on as what is wrong, not as an apology', async () => {
    await bots.transport.slash('U-x', 'who-solved drones --country FRA');
    expect(bots.transport.last().text).toMatch(/^who-solved: country must be a two-letter country code/u);
    const missing = await bots.transport.slash('U-x', 'match demo:challenge:does-not-exist');
    expect(missing).toMatchObject({ outcome: 'invalid' });
    expect(bots.transport.last().text).toBe(
      'match: no challenge demo:challenge:does-not-exist (or you may not see it)',
    );
    const audit = await bots.audit();
    expect(audit.at(-1)).toMatchObject({ outcome: 'invalid', code: 'ERR_CHALLENGE_NOT_FOUND' });
  });
});

describe('failures', () => {
  it('turns an engine failure into a short apology with a reference, logs the error, and keeps answering', async () => {
    const broken = await openDemoEngine({ prefix: 'ileanet-bots-broken-' });
    const bots = await startFakeBots(broken.engine);
    try {
      await broken.engine.store.close();
      const out = await bots.transport.slash('U-x', 'who-solved drone detection');
      expect(out).toMatchObject({ outcome: 'error', delivery: 'private' });
      const text = bots.transport.last().text;
      expect(text).toMatch(/^Sorry: that failed on our side\. Please try again later \(reference [0-9a-f]{8}\)\.$/u);
      const ref = /reference ([0-9a-f]{8})/u.exec(text)?.[1];
      expect(bots.errors.at(-1)?.line).toMatch(new RegExp(`^\\[${ref}\\] who-solved for fake:U-x failed`, 'u'));
      expect(bots.errors.at(-1)?.error).toBeInstanceOf(Error);
      expect((await bots.audit()).at(-1)).toMatchObject({ outcome: 'error', ref, command: 'who-solved' });
      // Still alive: help needs no store.
      expect((await bots.transport.slash('U-x', 'help')).outcome).toBe('ok');
    } finally {
      await bots.close();
      await broken.close().catch(() => undefined);
    }
  });

  it('apologises for a plugin that throws or hangs, and never throws into the adapter', async () => {
    const registry = builtInRegistry();
    registry.register(
      defineCommand({
        name: 'explode',
        summary: 'Throws.',
        args: z.object({}),
        permission: 'read',
        async handler() {
          throw new TypeError('boom');
        },
      }),
    );
    registry.register(
      defineCommand({
        name: 'hang',
        summary: 'Never answers.',
        args: z.object({}),
        permission: 'read',
        handler: () => new Promise(() => undefined),
      }),
    );
    const bots = await startFakeBots(demo.engine, { timeoutSeconds: 0.2 }, { registry });
    try {
      const boom = await bots.transport.slash('U-x', 'explode');
      expect(boom.outcome).toBe('error');
      expect(bots.errors.at(-1)?.error).toBeInstanceOf(TypeError);
      const hang = await bots.transport.slash('U-x', 'hang');
      expect(hang.outcome).toBe('error');
      expect(bots.transport.last().text).toMatch(/^Sorry: that took too long to answer\./u);
      expect((await bots.audit()).at(-1)).toMatchObject({ code: 'ERR_BOT_TIMEOUT' });
    } finally {
      await bots.close();
    }
  });
});

describe('where answers go', () => {
  it('sends an answer that shows restricted nodes to the asker’s DM (default), with a pointer in the channel', async () => {
    const bots = await startFakeBots(demo.engine, { identities: MEMBERS });
    try {
      const out = await bots.transport.slash('U-hugo', 'who-solved cloned voices in fraud calls');
      expect(out.delivery).toBe('dm');
      expect(bots.transport.at('dm:U-hugo')[0]?.text).toContain(RESTRICTED_RESULT);
      const pointer = bots.transport.at('conv:C-general').at(-1)?.text ?? '';
      expect(pointer).toBe('I sent you the answer to who-solved in a direct message: it shows restricted information.');
      // Network-level answers stay in the channel with the default level…
      expect((await bots.transport.slash('U-sanne', 'who-solved drone detection')).delivery).toBe('here');
      // …and a DM is already private: nothing moves.
      expect((await bots.transport.dm('U-hugo', 'who-solved cloned voices in fraud calls')).delivery).toBe('here');
    } finally {
      await bots.close();
    }
  });

  it('moves network-level answers too with dmFrom network, and nothing with never', async () => {
    const strict = await startFakeBots(demo.engine, { identities: MEMBERS, privacy: { dmFrom: 'network' } });
    const open = await startFakeBots(demo.engine, { identities: MEMBERS, privacy: { dmFrom: 'never' } });
    try {
      expect((await strict.transport.slash('U-sanne', 'who-solved drone detection')).delivery).toBe('dm');
      // A guest sees public nodes only: nothing to hide.
      expect((await strict.transport.slash('U-guest', 'who-solved drone detection')).delivery).toBe('here');
      expect((await open.transport.slash('U-hugo', 'who-solved cloned voices in fraud calls')).delivery).toBe('here');
    } finally {
      await strict.close();
      await open.close();
    }
  });
});

describe('the audit log', () => {
  it('appends one JSON line per request: who, when, where, what, how it ended; never the answer', async () => {
    const t = Date.parse('2026-04-02T08:30:00Z');
    const bots = await startFakeBots(demo.engine, { identities: MEMBERS }, { now: () => t });
    try {
      await bots.transport.slash('U-sanne', 'who-solved drone detection --country FR');
      await bots.transport.mention('U-x', 'ileanet: what is trending?');
      await bots.transport.slash('U-x', 'vote demo:challenge:prison-drone-drops');
      await bots.transport.slash('U-x', 'nonsense');
      const raw = await readFile(bots.auditPath, 'utf8');
      const lines = raw.trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      const [first, second, third, fourth] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(first).toEqual({
        // The request's id: the adapter's delivery line for its answer carries it too.
        id: expect.stringMatching(/^[0-9a-f]{12}$/u),
        at: '2026-04-02T08:30:00.000Z',
        platform: 'fake',
        user: PEOPLE.sanne.key,
        role: 'member',
        conversation: 'C-general',
        dm: false,
        via: 'slash',
        command: 'who-solved',
        args: { text: 'drone detection', country: 'FR', limit: 3, all: false },
        outcome: 'ok',
        delivered: 'here',
        ms: expect.any(Number),
      });
      expect(second).toMatchObject({ via: 'mention', command: 'trends', outcome: 'ok', user: 'fake:U-x' });
      expect(third).toMatchObject({ command: 'vote', outcome: 'denied', delivered: 'private' });
      expect(fourth).toMatchObject({ outcome: 'unknown' });
      expect(fourth?.['command']).toBeUndefined();
      // No answer contents: no hit names, no titles.
      expect(raw).not.toMatch(/Haute-Valmont|Trends|SKYFENCE/u);
    } finally {
      await bots.close();
    }
  });

  it('keeps answering when the audit file cannot be written, and logs that', async () => {
    const bots = await startFakeBots(demo.engine);
    try {
      const { chmod, mkdir } = await import('node:fs/promises');
      const { dirname } = await import('node:path');
      await mkdir(dirname(bots.auditPath), { recursive: true });
      // A directory where the file should be: appending fails whatever the user's privileges.
      await mkdir(bots.auditPath);
      await chmod(dirname(bots.auditPath), 0o700);
      const out = await bots.transport.slash('U-x', 'help');
      expect(out.outcome).toBe('ok');
      expect(bots.errors.at(-1)?.line).toMatch(/^audit log .* could not be written$/u);
    } finally {
      await bots.close();
    }
  });
});

describe('replies', () => {
  it('a command handler gets the caller, the conversation and the settings', async () => {
    const registry = builtInRegistry();
    registry.register(
      defineCommand({
        name: 'whoami',
        summary: 'Echoes the context.',
        args: z.object({}),
        permission: 'help',
        async handler(ctx) {
          return reply({
            text: JSON.stringify({
              key: ctx.caller.key,
              viewer: ctx.caller.viewer,
              person: ctx.caller.person,
              dm: ctx.conversation.dm,
              mode: ctx.settings.matchMode,
              prefix: ctx.settings.commandPrefix,
              link: ctx.settings.dashboardUrl,
            }),
          });
        },
      }),
    );
    const bots = await startFakeBots(
      demo.engine,
      { identities: MEMBERS, dashboardUrl: 'https://dash.example/' },
      { registry },
    );
    try {
      await bots.transport.dm('U-hugo', 'whoami');
      expect(JSON.parse(bots.transport.last().text)).toEqual({
        key: PEOPLE.hugo.key,
        viewer: { id: PEOPLE.hugo.key, clearance: 'network', orgs: [PEOPLE.hugo.organisation] },
        person: PEOPLE.hugo.person,
        dm: true,
        // The demo engine runs without a sentence model: matching falls back to words only.
        mode: 'lexical',
        prefix: '/ileanet',
        link: 'https://dash.example/',
      });
    } finally {
      await bots.close();
    }
  });
});
