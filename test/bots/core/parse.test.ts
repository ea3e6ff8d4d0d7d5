/**
 * From what people type to a command and its arguments: recorded platform payloads
 * (test/fixtures/<platform>) through each adapter's mapping, then the core parser, plus the
 * argument grammar on its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { argFields, splitArgs, tokenize, usage, validateArgs } from '../../../bots/core/args.js';
import { defineCommand } from '../../../bots/core/command.js';
import { BotError } from '../../../bots/core/errors.js';
import { type Parsed, parse, stripName } from '../../../bots/core/parse.js';
import type { Incoming } from '../../../bots/core/runtime.js';
import { type ReceivedOption, subcommandOf } from '../../../bots/discord/commands.js';
import { fromReplyToBot, fromRoomMessage, type RoomMessageEvent } from '../../../bots/matrix/incoming.js';
import { builtInRegistry } from '../../../bots/plugins/index.js';
import { whoSolved } from '../../../bots/plugins/who-solved.js';
import { fromButton, fromMessage, fromSlashCommand, slackText } from '../../../bots/slack/incoming.js';

const registry = builtInRegistry();
const NAMES = ['ileanet'];
const fixture = <T>(platform: string, name: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${platform}/${name}`, import.meta.url), 'utf8')) as T;

/** What the core makes of an Incoming: the command and its validated arguments. */
function understood(
  incoming: Pick<Incoming, 'via' | 'text' | 'command' | 'options'>,
): { command: string; args: unknown } | Parsed {
  const p = parse(registry, incoming, NAMES);
  if (p.kind !== 'command') return p;
  return { command: p.command.name, args: validateArgs(p.command, p.raw) };
}

describe('Slack payloads', () => {
  it('a slash command', () => {
    const incoming = fromSlashCommand(fixture('slack', 'slash-command.json'), '/ileanet');
    expect(incoming).toMatchObject({
      platform: 'slack',
      user: { id: 'U2147483697', name: 'amelie' },
      conversation: { id: 'C2147483705', dm: false },
      via: 'slash',
    });
    expect(understood(incoming)).toEqual({
      command: 'who-solved',
      args: { text: 'drone detection at prisons', country: 'FR', limit: 3, all: false },
    });
  });

  it('an app mention: the bot’s own mention markup is removed, the question is read in words', () => {
    const { event } = fixture<{ event: Parameters<typeof fromMessage>[0] }>('slack', 'app-mention.json');
    const incoming = fromMessage(event, 'U0LAN0Z89', '/ileanet');
    expect(incoming).toMatchObject({ via: 'mention', text: 'who has solved drone detection at prisons?' });
    expect(understood(incoming as Incoming)).toEqual({
      command: 'who-solved',
      args: { text: 'drone detection at prisons', limit: 3, all: false },
    });
  });

  it('a direct message, and a button click', () => {
    const { event } = fixture<{ event: Parameters<typeof fromMessage>[0] }>('slack', 'message-im.json');
    const dm = fromMessage(event, 'U0LAN0Z89', '/ileanet');
    expect(dm).toMatchObject({ via: 'message', conversation: { id: 'D024BE91L', dm: true } });
    expect(understood(dm as Incoming)).toEqual({ command: 'trends', args: { country: 'BE', by: 'topic' } });
    const body = fixture<Parameters<typeof fromButton>[0] & { actions: { value: string }[] }>(
      'slack',
      'block-actions.json',
    );
    const click = fromButton(body, body.actions[0]?.value ?? '', '/ileanet');
    expect(click).toMatchObject({ via: 'action', user: { id: 'U2147483697' }, conversation: { id: 'C2147483705' } });
    expect(understood(click)).toEqual({
      command: 'vote',
      args: { target: 'demo:challenge:prison-drone-drops', choice: 'up' },
    });
  });

  it('decodes Slack’s escaping and link markup back to what was typed', () => {
    expect(
      slackText('drones &amp; prisons &lt;3 <https://example.org/x|the report> <@U123|ana> <https://a.example>'),
    ).toBe('drones & prisons <3 the report ana https://a.example');
  });
});

describe('Discord payloads', () => {
  it('a chat input command with a subcommand and options', () => {
    const i = fixture<{ data: { options: ReceivedOption[] } }>('discord', 'interaction-who-solved.json');
    const sub = subcommandOf(i.data.options);
    expect(sub).toEqual({ command: 'who-solved', options: { text: 'drone detection at prisons', country: 'FR' } });
    expect(understood({ via: 'options', command: sub?.command ?? '', options: sub?.options ?? {} })).toEqual({
      command: 'who-solved',
      args: { text: 'drone detection at prisons', country: 'FR', limit: 3, all: false },
    });
  });

  it('typed options keep their types, and options named in kebab-case reach camelCase fields', () => {
    expect(
      understood({ via: 'options', command: 'who-solved', options: { text: 'drones', 'min-trl': 6, limit: 2 } }),
    ).toEqual({
      command: 'who-solved',
      args: { text: 'drones', minTrl: 6, limit: 2, all: false },
    });
  });
});

describe('Matrix replies to the bot', () => {
  const bot = { userId: '@ileanet:police.example', displayName: 'ileanet', prefix: '!ileanet' };
  // What Element sends for a reply: the quoted original first, the bot's pill inside <mx-reply>.
  const replyEvent = (said: string): RoomMessageEvent => ({
    type: 'm.room.message',
    sender: '@ana:police.example',
    event_id: '$reply',
    content: {
      msgtype: 'm.text',
      body: `> <@ileanet:police.example> Who has solved “drones”\n\n${said}`,
      format: 'org.matrix.custom.html',
      formatted_body: `<mx-reply><blockquote><a href="https://matrix.to/#/@ileanet:police.example">ileanet</a> Who has solved</blockquote></mx-reply>${said}`,
      'm.relates_to': { 'm.in_reply_to': { event_id: '$answer' } },
    },
  });
  const answer = {
    body: 'Who has solved “drones”\nBest of 3 experts:\n\nBest matches\n1. Expert: Felix Hagemann (DE)\n\nMore: !ileanet who-solved "drones" --all',
  };

  it('runs the button a reply names, as a click on it would', () => {
    expect(fromReplyToBot('!r:x', replyEvent('more'), bot, false, answer)).toMatchObject({
      via: 'action',
      text: 'who-solved "drones" --all',
    });
  });

  it('reads a reply to the bot’s message about one challenge as a comment on it, unless it starts with a command', () => {
    const about = {
      body: 'Your vote is counted.\nWho could answer it?: !ileanet match demo:challenge:prison-drone-drops',
    };
    const said = fromReplyToBot('!r:x', replyEvent('We tried this --twice at Hasselt'), bot, false, about);
    expect(said).toMatchObject({ commentOn: 'demo:challenge:prison-drone-drops' });
    expect(understood(said as Incoming)).toMatchObject({
      command: 'comment',
      args: { target: 'demo:challenge:prison-drone-drops', text: 'We tried this --twice at Hasselt' },
    });
    const typed = fromReplyToBot('!r:x', replyEvent('vote demo:challenge:prison-drone-drops down'), bot, false, about);
    expect(understood(typed as Incoming)).toMatchObject({ command: 'vote', args: { choice: 'down' } });
    // A message about several challenges (a list) names no thread subject.
    const list = { body: `${about.body}\nVote: !ileanet vote demo:challenge:deepfake-ceo-fraud` };
    expect(fromReplyToBot('!r:x', replyEvent('nice'), bot, false, list)).not.toHaveProperty('commentOn');
  });

  it('reads any other reply as a command line, without the prefix and without the quoted original', () => {
    const i = fromReplyToBot('!r:x', replyEvent('vote 1'), bot, false, answer);
    expect(i).toMatchObject({ via: 'slash', text: 'vote 1' });
    expect(understood(i as Incoming)).toMatchObject({ command: 'vote', args: { target: '1' } });
  });
});

describe('Matrix events', () => {
  const bot = { userId: '@ileanet:police.example', displayName: 'ileanet', prefix: '!ileanet' };
  const from = (name: string, dm = false) =>
    fromRoomMessage('!room:police.example', fixture<RoomMessageEvent>('matrix', name), bot, dm);

  it('a prefixed command, a mention with a pill, a message in a direct room', () => {
    expect(understood(from('command-prefix.json') as Incoming)).toEqual({
      command: 'who-solved',
      args: { text: 'drone detection at prisons', country: 'FR', limit: 3, all: false },
    });
    expect(from('mention-pill.json')).toMatchObject({
      via: 'mention',
      text: 'who has solved drone detection at prisons?',
    });
    expect(understood(from('mention-pill.json') as Incoming)).toMatchObject({ command: 'who-solved' });
    expect(understood(from('direct-message.json', true) as Incoming)).toEqual({
      command: 'trends',
      args: { country: 'BE', by: 'topic' },
    });
  });

  it('a reply: the quoted fallback is not part of the command', () => {
    expect(understood(from('reply-with-fallback.json') as Incoming)).toEqual({
      command: 'poll',
      args: { poll: 'demo:poll:emerging-threats-2024' },
    });
  });

  it('ignores edits, notices (other bots), its own messages and chatter in a room', () => {
    expect(from('edit.json')).toBeUndefined();
    expect(from('notice-from-bot.json')).toBeUndefined();
    expect(from('chatter.json')).toBeUndefined();
    const own = { ...fixture<RoomMessageEvent>('matrix', 'command-prefix.json'), sender: bot.userId };
    expect(fromRoomMessage('!r:x', own, bot, false)).toBeUndefined();
    // The same chatter in a direct room is a message to the bot.
    expect(from('chatter.json', true)).toMatchObject({ via: 'message' });
  });
});

describe('natural phrasing', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['who has solved drone detection at prisons?', 'who-solved', { text: 'drone detection at prisons' }],
    ['Who already addressed crypto ATMs', 'who-solved', { text: 'crypto ATMs' }],
    ['has anyone ever worked on deepfake evidence in court?', 'who-solved', { text: 'deepfake evidence in court' }],
    ['who knows about body-worn cameras', 'who-solved', { text: 'body-worn cameras' }],
    ["what's trending?", 'trends', {}],
    ['whats trending in fr', 'trends', { country: 'FR' }],
    ['show me the trends', 'trends', {}],
    ['who should we work with?', 'suggest', {}],
    ['suggest partners for EE', 'suggest', { country: 'EE' }],
    ['match challenge demo:challenge:prison-drone-drops', 'match', { challenge: 'demo:challenge:prison-drone-drops' }],
    ['any open polls?', 'poll', {}],
    [
      'we have a new challenge: smugglers use drones at night',
      'submit-challenge',
      { title: 'smugglers use drones at night' },
    ],
    ['what can you do?', 'help', {}],
  ];
  it.each(cases)('“%s” → %s', (text, command, args) => {
    const p = parse(registry, { via: 'mention', text: `@ileanet ${text}` }, NAMES);
    expect(p.kind).toBe('command');
    if (p.kind !== 'command') return;
    expect(p.command.name).toBe(command);
    expect(p.raw).toEqual(args);
  });

  it('prefers a phrasing in free text; in a typed line the command, with a phrasing only to rescue its arguments', () => {
    // Free text: "trends" is a command name, but the whole sentence is a phrasing.
    expect(parse(registry, { via: 'mention', text: 'trends in BE' }, NAMES)).toMatchObject({
      kind: 'command',
      raw: { country: 'BE' },
    });
    // Typed: `trends` takes no words; the phrasing reads them as the country.
    expect(parse(registry, { via: 'slash', text: 'trends in BE' }, NAMES)).toMatchObject({
      kind: 'command',
      raw: { country: 'BE' },
    });
    expect(parse(registry, { via: 'slash', text: 'trends for everyone' }, NAMES)).toMatchObject({ kind: 'invalid' });
    // A button's command line is taken literally.
    expect(parse(registry, { via: 'action', text: 'trends in BE' }, NAMES)).toMatchObject({ kind: 'invalid' });
    expect(parse(registry, { via: 'slash', text: 'who has solved drones' }, NAMES)).toMatchObject({
      kind: 'command',
      raw: { text: 'drones' },
    });
  });

  it('tells nothing, an unknown command and text it does not understand apart', () => {
    expect(parse(registry, { via: 'mention', text: '@ileanet' }, NAMES)).toEqual({ kind: 'empty' });
    expect(parse(registry, { via: 'slash', text: 'frobnicate x' }, NAMES)).toEqual({
      kind: 'unknown',
      word: 'frobnicate',
    });
    expect(parse(registry, { via: 'mention', text: 'ileanet, lovely weather' }, NAMES)).toEqual({
      kind: 'not-understood',
      text: 'lovely weather',
    });
  });

  it('strips the bot’s name where people put it, and only the whole name', () => {
    for (const t of [
      '/ileanet trends',
      '!ileanet trends',
      '@ileanet trends',
      'ileanet: trends',
      'IleaNet, trends',
      'ileanet trends',
    ])
      expect(stripName(t, NAMES), t).toBe('trends');
    expect(stripName('ileanetwork trends', NAMES)).toBe('ileanetwork trends');
  });
});

describe('arguments', () => {
  it('reads options, quotes and the dashes chat clients substitute', () => {
    expect(tokenize('a "b c" “d e” --x=1')).toEqual([
      { text: 'a', quoted: false },
      { text: 'b c', quoted: true },
      { text: 'd e', quoted: true },
      { text: '--x=1', quoted: false },
    ]);
    expect(splitArgs(whoSolved, 'drone detection —country FR –min-trl 6 --limit=2')).toEqual({
      text: 'drone detection',
      country: 'FR',
      minTrl: '6',
      limit: '2',
    });
    // A quoted word that starts with dashes is text, not an option.
    expect(splitArgs(whoSolved, '"--country" matters')).toEqual({ text: '--country matters' });
  });

  it('coerces typed strings to the schema’s types and reports each problem in words', () => {
    const c = defineCommand({
      name: 'demo',
      summary: 'x',
      permission: 'read',
      args: z.object({
        n: z.number().int().min(1, 'must be at least 1'),
        on: z.boolean().default(false),
        pick: z.enum(['alpha', 'beta']).optional(),
        words: z.string().optional(),
      }),
      positional: ['words'],
      handler: async () => {
        throw new Error('not run');
      },
    });
    expect(validateArgs(c, splitArgs(c, 'hello there --n 3 --on --pick BETA'))).toEqual({
      n: 3,
      on: true,
      pick: 'beta',
      words: 'hello there',
    });
    expect(validateArgs(c, splitArgs(c, '--n 2 --on=no'))).toEqual({ n: 2, on: false });
    const problem = (text: string) => {
      try {
        validateArgs(c, splitArgs(c, text));
        return 'accepted';
      } catch (e) {
        expect(e).toBeInstanceOf(BotError);
        expect((e as BotError).code).toBe('ERR_BOT_ARGS');
        return (e as Error).message;
      }
    };
    expect(problem('--n 0')).toBe('demo: --n must be at least 1');
    expect(problem('--n three --pick gamma')).toBe('demo: --n must be a number; --pick must be one of alpha, beta');
    expect(problem('')).toBe('demo: --n is missing');
    expect(problem('--n 1 --zap')).toBe('demo: unknown option --zap; it takes --n, --on, --pick');
    expect(usage(c)).toBe('demo [words] --n N [--on] [--pick alpha|beta]');
    expect(argFields(c).map((f) => [f.name, f.type, f.required])).toEqual([
      ['n', 'integer', true],
      ['on', 'boolean', false],
      ['pick', 'enum', false],
      ['words', 'string', false],
    ]);
  });
});
