/**
 * "Introduce me" buttons on hits (who-solved, match, suggest) and "Request access" on restricted
 * hits. A button cannot carry free text, so its command line carries the need the answer was
 * about instead (`introduce <ref> --challenge <id>` or `--about "<question>"`): one click files the
 * request, with a message made from that need (introduce.ts), and the confirmation says how to
 * send one's own words. Offered only to a caller who may ask for introductions (the `submit`
 * permission, as `introduce` needs, and a person in the graph), never on the caller's own person
 * or organisations, and only where an INC can broker it (the engine's rule, `brokerFor`); a click
 * runs as the clicker, whose own role and person are checked again by the runtime and the engine.
 */
import { brokerFor } from '../../engine/introductions/index.js';
import type { GraphStore } from '../../graph/index.js';
import type { Caller } from '../core/command.js';
import { mayRun } from '../core/identity.js';
import { clip, type ReplyAction } from '../core/reply.js';

/** The need an answer was about: a stored challenge, or the question's words. */
export type IntroductionNeed = { readonly challenge: string } | { readonly about: string };

/** Kinds an introduction can be made to (engine/introductions resolves only these). */
const INTRODUCIBLE = new Set(['Person', 'Organisation']);

/** The question as one quoted argument of a command line, short enough to travel in a button. */
const MAX_ABOUT = 200;
const quoted = (text: string) => `"${clip(text.replace(/["“”„«»]/gu, '').trim(), MAX_ABOUT)}"`;

/** The command line a button runs: `introduce <ref>` and the need. */
export function introduceCommand(ref: string, need: IntroductionNeed): string {
  return 'challenge' in need
    ? `introduce ${ref} --challenge ${need.challenge}`
    : `introduce ${ref} --about ${quoted(need.about)}`;
}

/** Whether the caller may ask for introductions at all: the permission `introduce` needs, and a person. */
export const mayIntroduce = (caller: Caller): boolean => mayRun(caller, 'submit') && caller.person !== undefined;

/** A hit as the offer needs it; `country` is the target's own, as the engine routes by it. */
export interface IntroducibleHit {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly country?: string | undefined;
}

export interface IntroduceOffer {
  /** The button for a hit; none for kinds that take no introduction, for the caller's own person or organisation, or where no INC brokers it. */
  forHit(hit: IntroducibleHit): ReplyAction[];
  /**
   * The button for the `index`-th of `total` restricted hits, whose owner is of `country`
   * (numbered when several, as Discord shows buttons apart from their items).
   */
  forRestricted(handle: string, country: string | null, index: number, total: number): ReplyAction[];
  /** The same offer about another need (suggest: one need per suggestion), without reading the INCs again. */
  about(need: IntroductionNeed): IntroduceOffer;
}

/** The buttons the caller gets on an answer about `need`; undefined when they may not introduce. */
export async function introduceOffer(
  store: GraphStore,
  caller: Caller,
  need: IntroductionNeed,
): Promise<IntroduceOffer | undefined> {
  if (!mayIntroduce(caller) || caller.person === undefined) return undefined;
  const brokered = await brokerFor(store, caller.person);
  const own = new Set([caller.person, caller.organisation, ...caller.viewer.orgs]);
  return offerOf(need, brokered, own);
}

function offerOf(
  need: IntroductionNeed,
  brokered: (country: string | undefined) => boolean,
  own: ReadonlySet<string | undefined>,
): IntroduceOffer {
  return {
    forHit(hit) {
      if (!INTRODUCIBLE.has(hit.kind) || own.has(hit.id) || !brokered(hit.country)) return [];
      // Discord shows buttons apart from the embed: the label names whom it is for.
      return [{ label: clip(`Introduce me to ${hit.label}`, 60), command: introduceCommand(hit.id, need) }];
    },
    forRestricted(handle, country, index, total) {
      if (!brokered(country ?? undefined)) return [];
      return [
        {
          label: total > 1 ? `Request access (${index + 1})` : 'Request access',
          command: introduceCommand(handle, need),
        },
      ];
    },
    about: (other) => offerOf(other, brokered, own),
  };
}
