/**
 * The bot runtime: what adapters call, and all they call. An adapter turns a platform event
 * into an Incoming and hands it to `handle`; it gets back an Outcome (the reply, and where it
 * goes) and renders it natively. In between, in this order: who is asking (identity → role →
 * viewer), the rate limit, parsing, the permission, argument validation, the command, the
 * privacy rule, the audit line. `handle` never throws: every failure becomes a reply.
 */
import { randomBytes } from 'node:crypto';
import { userFacingError } from '../../engine/errors/index.js';
import { issueGrant, withGrant } from '../../engine/grants/index.js';
import type { MatchMode } from '../../engine/match/index.js';
import type { Engine } from '../../engine/service.js';
import { CLEARANCE_RANK, VISIBILITY_RANK, type Viewer } from '../../graph/index.js';
import { usage, validateArgs } from './args.js';
import { asAudience, audienceViewer, seesAllOf } from './audience.js';
import type { AuditEntry, AuditLog, AuditOutcome, DeliveryEntry, DeliveryReport } from './audit.js';
import type { Caller, Command, CommandContext, CommandLog, Conversation } from './command.js';
import type { CoreConfig } from './config.js';
import { createInFlight } from './delivery.js';
import { didYouMean } from './did-you-mean.js';
import { BotError, isBotError } from './errors.js';
import { commandsHelp } from './help.js';
import { createIdentities, mayRun } from './identity.js';
import { type Parsed, parse, stripName, type Via } from './parse.js';
import { createRateLimiter } from './rate-limit.js';
import { createRecentLists, resolveShortId, SHORT_ID } from './refs.js';
import type { CommandRegistry } from './registry.js';
import { errorReply, notice, type Reply, toPlainText } from './reply.js';
import { createScratchStore } from './scratch.js';

export interface Incoming {
  readonly platform: string;
  readonly user: { readonly id: string; readonly name?: string };
  readonly conversation: Conversation;
  readonly via: Via;
  /** The words: a slash command's text, a message after the mention, a button's command line. */
  readonly text?: string;
  /** With via `options`: the command and its typed options. */
  readonly command?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /** How commands are typed on this platform, for hints in replies (default `/ileanet`). */
  readonly prefix?: string;
  /**
   * Platform user ids of everyone who may read the conversation (the bot left out), asked only
   * when a command runs in a shared conversation. Absent or failing: the audience configured for
   * the conversation, else the default role.
   */
  readonly members?: () => Promise<readonly string[]>;
  /**
   * Whether the platform can show a reply to the asker alone in the conversation (Slack and
   * Discord ephemeral messages). Without it (Matrix) a `private` reply is read by the room.
   */
  readonly ephemeral?: boolean;
  /** The challenge of the bot's message this replies to in a thread: free text becomes a comment on it. */
  readonly commentOn?: string;
}

/**
 * `here`: the conversation; `dm`: the asker's direct messages (a pointer stays here);
 * `private`: here but only the asker sees it (Slack and Discord ephemeral messages; a platform
 * without them replies in place).
 */
export type Delivery = 'here' | 'dm' | 'private';

export interface Outcome {
  /** The request's id in the audit log; adapters report the delivery under it. */
  readonly id: string;
  readonly reply: Reply;
  readonly delivery: Delivery;
  /** With delivery `dm`: what to show the asker in the conversation (ephemeral where the platform has it). */
  readonly pointer?: Reply;
  /**
   * With delivery `dm`: the answer for everyone in the conversation, computed for its audience,
   * when the asker's own (in the DM) shows more. Posted in the conversation for all to read.
   */
  readonly shared?: Reply;
  readonly command?: string;
  readonly outcome: AuditOutcome;
}

export interface BotRuntime {
  handle(incoming: Incoming): Promise<Outcome>;
  /** Registered commands, for platforms that declare them up front (Discord). */
  readonly commands: readonly Command[];
  /** Names the bot answers to in free text. */
  readonly names: readonly string[];
  /** For adapters' own failures (a post that failed, a lost connection): logged, never thrown. */
  readonly log: CommandLog;
  /** Where the adapter really posted an outcome and whether it arrived: the request's delivery line in the audit log. */
  delivered(out: Outcome, incoming: Incoming, report: DeliveryReport): Promise<void>;
}

/** The runtime as its owner holds it: what adapters get, and the way to stop it. */
export interface RuntimeHandle extends BotRuntime {
  /**
   * Stops taking requests (later ones get "send it again in a minute") and resolves when every
   * request already taken has its answer. Idempotent.
   */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly engine: Engine;
  readonly registry: CommandRegistry;
  readonly config: CoreConfig;
  readonly audit: AuditLog;
  readonly log: CommandLog;
  readonly now?: () => number;
  /** The data folder's grant key (engine/grants): dashboard links then open without an API token. */
  readonly grantKey?: Buffer;
}

/** Codes of errors that are the asker's to fix; anything else gets an apology. */
function userFacing(e: unknown): { code: string; message: string } | undefined {
  if (isBotError(e) && (e.code === 'ERR_BOT_ARGS' || e.code === 'ERR_BOT_REQUEST')) {
    return { code: e.code, message: e.message };
  }
  const known = userFacingError(e);
  if (known !== undefined) return known.status < 500 ? { code: known.code, message: known.message } : undefined;
  // Areas added later may follow the same pattern: a stable ERR_ code and an
  // HTTP-like status; below 500 means the request was wrong, not the service.
  if (e instanceof Error) {
    const { code, status, statusCode } = e as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
    const s = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
    if (typeof code === 'string' && code.startsWith('ERR_') && s !== undefined && s >= 400 && s < 500) {
      return { code, message: e.message };
    }
  }
  return undefined;
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ERR_BOT_TIMEOUT';
}

/** Two replies say the same when their text does (the footer carries timings). */
function sameAnswer(a: Reply, b: Reply): boolean {
  const { footer: _a, ...restA } = a;
  const { footer: _b, ...restB } = b;
  // Every dashboard link carries its own grant; the same page for both readers is the same answer.
  const plain = (r: Omit<Reply, 'footer'>) => toPlainText(r).replace(/([?&])grant=[\w.-]+/gu, '$1');
  return plain(restA) === plain(restB);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** What one request came to: the audit fields that depend on it, and the outcome for the adapter. */
type RunResult = Omit<AuditEntry, 'id' | 'at' | 'platform' | 'user' | 'role' | 'conversation' | 'dm' | 'via' | 'ms'> & {
  readonly out: Omit<Outcome, 'id'>;
};

/** A request the asker must fix: one sentence naming the command, and its usage when arguments are the problem. */
function invalid(
  u: { code: string; message: string },
  c: Command | undefined,
  prefix: string,
  withUsage = true,
): RunResult {
  const hint = c !== undefined && withUsage ? `\nUsage: ${prefix} ${usage(c)}` : '';
  const text = c !== undefined && !u.message.startsWith(`${c.name}:`) ? `${c.name}: ${u.message}` : u.message;
  return {
    ...(c === undefined ? {} : { command: c.name }),
    outcome: 'invalid',
    code: u.code,
    out: {
      reply: errorReply(`${text}${hint}`),
      delivery: 'private',
      ...(c === undefined ? {} : { command: c.name }),
      outcome: 'invalid',
    },
  };
}

export function createRuntime(o: RuntimeOptions): RuntimeHandle {
  const now = o.now ?? Date.now;
  const identities = createIdentities(o.config);
  const limiter = createRateLimiter(
    { max: o.config.rateLimit.max, windowMs: o.config.rateLimit.windowSeconds * 1000 },
    now,
  );
  const scratch = createScratchStore({ now });
  const dmFrom = o.config.privacy.dmFrom;
  const names = o.config.names;
  // Hybrid needs the sentence model; without it, answer with words only rather than not at all.
  const matchMode: MatchMode = o.config.matchMode ?? (o.engine.model === undefined ? 'lexical' : 'hybrid');

  const grantKey = o.grantKey;
  const inFlight = createInFlight();
  const recent = createRecentLists();
  let closing = false;

  async function audit(entry: AuditEntry | DeliveryEntry): Promise<void> {
    try {
      await o.audit.append(entry);
    } catch (e) {
      o.log.error(`audit log ${o.audit.path} could not be written`, e);
    }
  }

  function apology(
    caller: Caller,
    command: string | undefined,
    e: unknown,
  ): { reply: Reply; ref: string; code: string } {
    const ref = randomBytes(4).toString('hex');
    const code =
      e instanceof TimeoutError
        ? e.code
        : typeof (e as { code?: unknown })?.code === 'string'
          ? String((e as { code: string }).code)
          : 'ERR_INTERNAL';
    o.log.error(`[${ref}] ${command ?? 'request'} for ${caller.key} failed (${code})`, e);
    const what = e instanceof TimeoutError ? 'took too long to answer' : 'failed on our side';
    return {
      ref,
      code,
      reply: errorReply(`Sorry: that ${what}. Please try again later (reference ${ref}).`),
    };
  }

  async function run(incoming: Incoming, caller: Caller, prefix: string): Promise<RunResult> {
    const rate = limiter.take(caller.key);
    if (!rate.ok) {
      const seconds = Math.ceil(rate.retryAfterMs / 1000);
      return {
        outcome: 'rate-limited',
        out: {
          reply: errorReply(`You are sending commands faster than this bot answers them: please wait ${seconds} s.`),
          delivery: 'private',
          outcome: 'rate-limited',
        },
      };
    }

    // `more` on its own is the More button of the asker's last answer, typed.
    const more = /^more[.!]?$/iu.test(stripName(incoming.text ?? '', names)) ? recent.more(caller.key) : undefined;
    const parsed: Parsed = parse(
      o.registry,
      more === undefined ? incoming : { ...incoming, via: 'action', text: more },
      names,
    );
    if (parsed.kind === 'invalid')
      return invalid({ code: parsed.error.code, message: parsed.error.message }, parsed.command, prefix);

    if (parsed.kind === 'unknown') {
      // A slip of the fingers gets one line, not the whole help.
      const meant = didYouMean(o.registry, parsed.word);
      if (meant !== undefined) {
        return {
          outcome: 'unknown',
          out: {
            reply: errorReply(
              `I do not know “${parsed.word}”: did you mean ${prefix} ${meant}? (${prefix} help lists everything I do.)`,
            ),
            delivery: 'private',
            outcome: 'unknown',
          },
        };
      }
    }

    if (parsed.kind !== 'command') {
      const intro =
        parsed.kind === 'unknown'
          ? `I do not know the command “${parsed.word}”.`
          : parsed.kind === 'not-understood'
            ? 'I did not understand that.'
            : undefined;
      const help = commandsHelp(o.registry, caller, { prefix, ...(intro === undefined ? {} : { intro }) });
      return {
        outcome: parsed.kind === 'empty' ? 'ok' : 'unknown',
        out: {
          reply: help,
          // A bare mention is answered where it was asked; a bare /ileanet, like help, to the asker only.
          delivery: parsed.kind === 'empty' && incoming.via !== 'slash' ? 'here' : 'private',
          outcome: parsed.kind === 'empty' ? 'ok' : 'unknown',
        },
      };
    }

    const { command } = parsed;
    if (!mayRun(caller, command.permission)) {
      return {
        command: command.name,
        outcome: 'denied',
        out: {
          reply: errorReply(
            `Your role (${caller.role}) may not use ${command.name}: it needs the “${command.permission}” permission. An administrator of this bot can grant it.`,
          ),
          delivery: 'private',
          command: command.name,
          outcome: 'denied',
        },
      };
    }

    let args: Record<string, unknown>;
    try {
      const raw = await withReferences(command, parsed.raw, caller);
      args = validateArgs(command, raw) as Record<string, unknown>;
    } catch (e) {
      const u = userFacing(e);
      if (u === undefined) throw e;
      return invalid(u, command, prefix);
    }

    // A shared conversation is read by all its members: when they may see less than the asker,
    // what is posted there is computed for them, and the asker's fuller answer goes to a DM.
    const audience = incoming.conversation.dm ? undefined : await narrowerAudience(incoming, caller);
    const ephemeral = incoming.ephemeral === true;
    const context = (who: Caller): CommandContext<Record<string, unknown>> => ({
      args,
      engine: o.engine,
      caller: who,
      platform: incoming.platform,
      conversation: incoming.conversation,
      settings: {
        ...(o.config.dashboardUrl === undefined ? {} : { dashboardUrl: o.config.dashboardUrl }),
        matchMode,
        commandPrefix: prefix,
        link: (url) => (grantKey === undefined ? url : withGrant(url, issueGrant(grantKey, who.viewer))),
      },
      scratch: scratch.for(caller.key),
      log: o.log,
    });
    const forAudience =
      audience !== undefined && command.writes !== true && !(command.replyPrivately === true && ephemeral);
    let answer: Reply;
    let theirs: Reply | Error | undefined;
    try {
      const deadline = o.config.timeoutSeconds * 1000;
      if (forAudience) {
        // The audience's run failing (a challenge they may not see) is not the asker's failure.
        [answer, theirs] = await withTimeout(
          Promise.all([
            command.handler(context(caller)),
            command
              .handler(context(asAudience(caller, audience)))
              .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
          ]),
          deadline,
        );
      } else {
        answer = await withTimeout(command.handler(context(caller)), deadline);
      }
    } catch (e) {
      const u = userFacing(e);
      // The engine's own validation (ERR_INVALID_FILTER, ERR_INVALID_QUERY…) is about the arguments: show the usage too.
      if (u !== undefined) return { ...invalid(u, command, prefix, u.code.startsWith('ERR_INVALID')), args };
      const a = apology(caller, command.name, e);
      return {
        command: command.name,
        args,
        outcome: 'error',
        code: a.code,
        ref: a.ref,
        out: { reply: a.reply, delivery: 'private', command: command.name, outcome: 'error' },
      };
    }

    // What the asker sees numbered, `vote 1` and `match 2` refer to next.
    recent.remember(caller.key, answer);
    const audited = audience === undefined ? {} : { audience: audience.clearance };
    const toDm = (left: { pointer: Reply } | { shared: Reply }): RunResult => ({
      command: command.name,
      args,
      outcome: 'ok',
      ...audited,
      out: { reply: answer, delivery: 'dm', ...left, command: command.name, outcome: 'ok' },
    });
    const privateNote = (why: string) =>
      notice(`I sent you the answer to ${command.name} in a direct message: ${why}.`);

    if (audience !== undefined) {
      if (forAudience) {
        if (theirs instanceof Error || theirs === undefined) {
          return toDm({ pointer: privateNote('it shows information not everyone here may see') });
        }
        if (sameAnswer(answer, theirs)) answer = theirs;
        else {
          // Everyone here gets their answer; the asker's fuller one goes to a DM, with a pointer in this one.
          if (tooSensitive(theirs)) return toDm({ pointer: privateNote(`it shows ${theirs.visibility} information`) });
          return toDm({
            shared: {
              ...theirs,
              footer: 'You may see more than everyone here: your fuller answer is in a direct message.',
            },
          });
        }
      } else if (!(command.replyPrivately === true && ephemeral) && !(await shownSafely(answer, audience))) {
        // A command that changed something ran once, as the asker: what it shows stays with them.
        return toDm({ pointer: privateNote('it shows information not everyone here may see') });
      }
    }

    const sensitive = tooSensitive(answer);
    const out: RunResult['out'] = sensitive
      ? {
          reply: answer,
          delivery: 'dm',
          pointer: privateNote(`it shows ${answer.visibility} information`),
          command: command.name,
          outcome: 'ok',
        }
      : { reply: answer, delivery: command.replyPrivately ? 'private' : 'here', command: command.name, outcome: 'ok' };
    return { command: command.name, args, outcome: 'ok', ...audited, out };

    function tooSensitive(r: Reply): boolean {
      return (
        dmFrom !== 'never' && VISIBILITY_RANK[r.visibility] >= VISIBILITY_RANK[dmFrom] && !incoming.conversation.dm
      );
    }
  }

  /**
   * Arguments that name a node may be typed as the number of an item in the list last shown to
   * the caller (`vote 1`) or as a short challenge id (`C-10427`): replaced by the stored id.
   */
  async function withReferences(
    command: Command,
    raw: Readonly<Record<string, unknown>>,
    caller: Caller,
  ): Promise<Readonly<Record<string, unknown>>> {
    const out: Record<string, unknown> = { ...raw };
    for (const name of command.refs ?? []) {
      const value = out[name];
      if (typeof value !== 'string') continue;
      const v = value.trim();
      if (/^\d{1,3}$/u.test(v)) {
        const list = recent.get(caller.key);
        if (list === undefined) {
          throw new BotError(
            'ERR_BOT_REQUEST',
            `${v} is a number, but I have not shown you a numbered list yet: use the id.`,
          );
        }
        const id = list[Number(v) - 1];
        if (id === undefined || id === '') {
          throw new BotError(
            'ERR_BOT_REQUEST',
            `The last list I showed you has ${list.length} item${list.length === 1 ? '' : 's'}; there is no ${v}.`,
          );
        }
        out[name] = id;
      } else if (SHORT_ID.test(v)) {
        const ids = await resolveShortId(o.engine, v, caller.viewer);
        if (ids.length === 0)
          throw new BotError('ERR_BOT_REQUEST', `There is no challenge ${v.toUpperCase()} (or you may not see it).`);
        if (ids.length > 1) {
          throw new BotError(
            'ERR_BOT_REQUEST',
            `${v.toUpperCase()} names ${ids.length} challenges: use the full id (${ids.join(', ')}).`,
          );
        }
        out[name] = ids[0];
      }
    }
    return out;
  }

  /** The conversation's audience when it sees less than the caller; undefined when one answer serves both. */
  async function narrowerAudience(incoming: Incoming, caller: Caller): Promise<Viewer | undefined> {
    let members: readonly string[] | undefined;
    if (incoming.members !== undefined) {
      try {
        members = await incoming.members();
      } catch (e) {
        o.log.warn(
          `${incoming.platform}: the members of ${incoming.conversation.id} are unknown (${(e as Error).message}); answering for the configured audience or the default role`,
        );
      }
    }
    const audience = audienceViewer(
      {
        platform: incoming.platform,
        conversationId: incoming.conversation.id,
        ...(members === undefined ? {} : { members }),
      },
      o.config,
      identities,
    );
    return seesAllOf(audience, caller.viewer) ? undefined : audience;
  }

  /** Whether every node a reply shows is one the audience may see. */
  async function shownSafely(r: Reply, audience: Viewer): Promise<boolean> {
    if (VISIBILITY_RANK[r.visibility] > CLEARANCE_RANK[audience.clearance]) return false;
    const ids = [...new Set(r.sections.flatMap((s) => s.items.flatMap((i) => (i.id === undefined ? [] : [i.id]))))];
    if (ids.length === 0) return true;
    return (await o.engine.store.getNodes(ids, audience)).length === ids.length;
  }

  return {
    commands: o.registry.list(),
    names,
    log: o.log,
    async delivered(out, incoming, report) {
      await audit({
        kind: 'delivery',
        id: out.id,
        at: new Date(now()).toISOString(),
        platform: incoming.platform,
        conversation: incoming.conversation.id,
        ...report,
      });
    },
    async close() {
      closing = true;
      await inFlight.drained();
    },
    handle(incoming) {
      if (closing) return stopping(incoming);
      return inFlight.track(answer(incoming));
    },
  };

  /** Taken while stopping: nothing runs, and the asker knows to send it again. */
  async function stopping(incoming: Incoming): Promise<Outcome> {
    const id = randomBytes(6).toString('hex');
    const caller = identities.resolve(incoming.platform, incoming.user.id, incoming.user.name);
    await audit({
      id,
      at: new Date(now()).toISOString(),
      platform: incoming.platform,
      user: caller.key,
      role: caller.role,
      conversation: incoming.conversation.id,
      dm: incoming.conversation.dm,
      via: incoming.via,
      outcome: 'stopping',
      delivered: incoming.ephemeral === true ? 'private' : 'here',
      ms: 0,
    });
    return {
      id,
      reply: errorReply('I am restarting and did not run that: please send it again in a minute.'),
      delivery: 'private',
      outcome: 'stopping',
    };
  }

  async function answer(incoming: Incoming): Promise<Outcome> {
    const started = now();
    const id = randomBytes(6).toString('hex');
    const prefix = incoming.prefix ?? '/ileanet';
    let caller: Caller | undefined;
    let result: RunResult;
    try {
      caller = identities.resolve(incoming.platform, incoming.user.id, incoming.user.name);
      result = await run(incoming, caller, prefix);
    } catch (e) {
      // Reached only by a bug in the core itself: still an apology, never a throw into the SDK.
      const who = caller ?? identities.resolve(incoming.platform, incoming.user.id);
      const a = apology(who, undefined, e);
      result = {
        outcome: 'error',
        code: a.code,
        ref: a.ref,
        out: { reply: a.reply, delivery: 'private', outcome: 'error' },
      };
      caller = who;
    }
    const { out, ...fields } = result;
    await audit({
      id,
      at: new Date(started).toISOString(),
      platform: incoming.platform,
      user: caller.key,
      role: caller.role,
      conversation: incoming.conversation.id,
      dm: incoming.conversation.dm,
      via: incoming.via,
      ...fields,
      // Without messages one member sees (Matrix), a private reply is read by the room.
      delivered: out.delivery === 'private' && incoming.ephemeral !== true ? 'here' : out.delivery,
      ms: Math.max(0, now() - started),
    });
    return { id, ...out };
  }
}
