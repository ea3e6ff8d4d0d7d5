/**
 * `introduce <ref> <message>`, `introductions`, `approve <id> [note]`, `decline <id> [note]`:
 * introductions brokered by INCs (engine/introductions), with the API's rules and errors. The ref
 * is what the bots show on a hit: a person or organisation id, or a restricted hit's handle
 * (`rh_…`, the asker's own). The need is the message's own words, a challenge with --challenge, or
 * a question with --about; the buttons on hits (introduce-actions.ts) send the need without a
 * message, and one is made from it.
 */
import { z } from 'zod';
import { HANDLE_PATTERN } from '../../engine/discover/index.js';
import {
  decideIntroduction,
  type IntroductionView,
  listIntroductions,
  requestIntroduction,
} from '../../engine/introductions/index.js';
import { idSchema } from '../../graph/index.js';
import { type Caller, defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { notice, reply } from '../core/reply.js';
import { requirePerson } from './actor.js';

const actor = (caller: Caller, what: string) => {
  requirePerson(caller, what);
  return { person: caller.person, viewer: caller.viewer };
};

const whom = (v: IntroductionView) => v.target ?? 'the owner of a restricted work (told on approval)';

/**
 * The message when the caller gave none (the "Introduce me" button): a sentence for the INC and,
 * on approval, the person introduced, made from the need the button carried.
 */
function messageFor(ref: string, need: { challenge?: string; title?: string; about?: string }): string {
  const what =
    need.title !== undefined
      ? `the challenge “${need.title}”`
      : need.challenge !== undefined
        ? `the challenge ${need.challenge}`
        : `“${need.about ?? ''}”`;
  return HANDLE_PATTERN.test(ref)
    ? `I found restricted work of yours in ileanet's answer about ${what} and would like to ask for access.`
    : `I found you in ileanet's answer about ${what} and would like to talk about it.`;
}

export const introduce = defineCommand({
  name: 'introduce',
  summary: 'Ask your INC to introduce you to someone from a hit: a person, an organisation or a restricted hit.',
  help: '“introduce <ref> <message>”: ref is a person or organisation id from who-solved, match or suggest (or the number of the hit in the answer), or the rh_… handle of a restricted hit. The message says what you need (or name the need with --challenge or --about). The “Introduce me” and “Request access” buttons on answers run it with the need of that answer and a message made from it. The INCs of both countries decide; you are told by direct message.',
  examples: [
    'demo:person:sanne-brinkhoven We see the same wallets behind prison drone drops',
    'rh_AbCdEfGhIjKlMnOpQrStUv May we compare notes on scanner triage?',
    'demo:org:scheldemond-police --challenge demo:challenge:prison-drone-drops',
  ],
  args: z.object({
    ref: z.string().min(1).describe('a person or organisation id, the number of a hit, or a restricted hit’s handle'),
    message: z.string().min(1).max(1_000).optional().describe('what you need and why, in a sentence or two'),
    challenge: idSchema.optional().describe('the challenge it is about'),
    about: z.string().min(1).max(1_000).optional().describe('the need in words (a who-solved question)'),
  }),
  positional: ['ref', 'message'],
  refs: ['ref'],
  permission: 'submit',
  replyPrivately: true,
  writes: true,
  async handler({ args, engine, caller, settings }) {
    if (args.message === undefined && args.challenge === undefined && args.about === undefined) {
      throw new CommandError(
        `Say what you need: ${settings.commandPrefix} introduce ${args.ref} <your message> (or --challenge <id>).`,
      );
    }
    const need = args.challenge === undefined ? undefined : await engine.store.getNode(args.challenge, caller.viewer);
    const message =
      args.message ??
      messageFor(args.ref, {
        ...(args.challenge === undefined ? {} : { challenge: args.challenge }),
        ...(need?.kind === 'Challenge' ? { title: need.title } : {}),
        ...(args.about === undefined ? {} : { about: args.about }),
      });
    const v = await requestIntroduction(
      { store: engine.store, discovery: engine.discovery },
      actor(caller, 'ask for an introduction'),
      {
        target: args.ref,
        message,
        ...(args.challenge === undefined ? { question: args.about ?? message } : { challenge: args.challenge }),
      },
    );
    const sent =
      args.message === undefined
        ? ` The message sent: “${message}” To use your own words instead, withdraw it and type ${settings.commandPrefix} introduce ${args.ref} <your message>.`
        : '';
    return notice(
      v.status === 'approved'
        ? `Introduction to ${whom(v)} approved at once by your INC: the details come by direct message.${sent}`
        : `Asked ${v.incs.join(' and ')} to introduce you to ${whom(v)}. You will be told by direct message (${v.id}).${sent}`,
      { actions: [{ label: 'Withdraw', command: `withdraw ${v.id}` }] },
    );
  },
});

export const introductions = defineCommand({
  name: 'introductions',
  summary: 'Introductions you asked for, were asked for, or broker as an INC.',
  examples: [''],
  args: z.object({}),
  positional: [],
  permission: 'submit',
  replyPrivately: true,
  async handler({ engine, caller }) {
    const list = await listIntroductions(
      { store: engine.store, discovery: engine.discovery },
      actor(caller, 'see introductions'),
    );
    if (list.length === 0) return notice('No introductions yet. Try `introduce <person id> <message>` from a hit.');
    return reply({
      tone: 'answer',
      title: 'Introductions',
      text: `${list.length} introduction${list.length === 1 ? '' : 's'}.`,
      sections: [
        {
          title: 'Introductions',
          items: list.map((v) => ({
            id: v.id,
            title: `${v.requester} → ${whom(v)}: ${v.status}`,
            facts: [
              `you: ${v.role}`,
              `since ${v.createdAt.slice(0, 10)}`,
              ...(v.note === undefined ? [] : [`note: ${v.note}`]),
              ...(v.contact?.handle === undefined ? [] : [`reach them on ${v.contact.platform}: ${v.contact.handle}`]),
            ],
            actions:
              v.status === 'pending' && v.role === 'inc'
                ? [
                    { label: 'Approve', command: `approve ${v.id}` },
                    { label: 'Decline', command: `decline ${v.id}` },
                  ]
                : [],
          })),
        },
      ],
      // Shown to the asker only (replyPrivately): their own introductions.
      visibility: 'restricted',
    });
  },
});

const decision = (name: 'approve' | 'decline' | 'withdraw') =>
  defineCommand({
    name,
    summary:
      name === 'withdraw'
        ? 'Withdraw an introduction you asked for.'
        : `${name === 'approve' ? 'Approve' : 'Decline'} an introduction (INC coordinators), with an optional note.`,
    examples: ['introduction:3f2a… Happy to connect you'],
    args: z.object({
      id: idSchema.describe('the introduction id'),
      note: z.string().max(2_000).optional().describe('why, told to the parties'),
    }),
    positional: ['id', 'note'],
    permission: 'submit',
    replyPrivately: true,
    writes: true,
    async handler({ args, engine, caller }) {
      const v = await decideIntroduction(
        { store: engine.store, discovery: engine.discovery },
        actor(caller, `${name} an introduction`),
        args.id,
        { decision: name, ...(args.note === undefined || args.note === '' ? {} : { note: args.note }) },
      );
      return notice(`Introduction ${v.id} is now ${v.status}; the parties are told by direct message.`);
    },
  });

export const approve = decision('approve');
export const decline = decision('decline');
export const withdraw = decision('withdraw');
