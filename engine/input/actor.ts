/**
 * Who writes: the viewer their reads run as, and the person and organisation their writes
 * start from (RAISED, VOTED). The API builds an actor from an API token, a bot from the
 * platform user it mapped to a person.
 */
import type { GraphNode, GraphStore } from '../../graph/index.js';
import { SYSTEM, type Viewer } from '../../graph/index.js';
import { InputError } from './errors.js';

export interface Actor {
  readonly viewer: Viewer;
  /** Person id in the store: votes and raised challenges start from it. */
  readonly person?: string;
  /** Organisation (or INC) id the actor acts for: owner of what they restrict, author when there is no person. */
  readonly organisation?: string;
  /**
   * What the actor may moderate: `admin` every challenge, `inc` those of its country (`country`,
   * else its Inc or organisation's country, else its person's). Absent: a member, who may change
   * only what they raised.
   */
  readonly role?: 'admin' | 'inc';
  readonly country?: string;
}

export interface ResolvedActor {
  readonly person?: Extract<GraphNode, { kind: 'Person' }>;
  readonly organisation?: Extract<GraphNode, { kind: 'Organisation' | 'Inc' }>;
}

/**
 * The actor's person and organisation as stored. They are looked up as SYSTEM: an actor is who
 * the token or bot mapping says, whatever their own node's visibility. Throws ERR_ACTOR_UNKNOWN
 * when an id is given but names nothing of the right kind.
 */
export async function resolveActor(store: GraphStore, actor: Actor): Promise<ResolvedActor> {
  const ids = [actor.person, actor.organisation].filter((x): x is string => x !== undefined);
  const found = new Map((await store.getNodes(ids, SYSTEM)).map((n) => [n.id, n]));
  let person: ResolvedActor['person'];
  let organisation: ResolvedActor['organisation'];
  if (actor.person !== undefined) {
    const n = found.get(actor.person);
    if (n?.kind !== 'Person') throw new InputError('ERR_ACTOR_UNKNOWN', `no person ${actor.person} in the store`);
    person = n;
  }
  if (actor.organisation !== undefined) {
    const n = found.get(actor.organisation);
    if (n?.kind !== 'Organisation' && n?.kind !== 'Inc') {
      throw new InputError('ERR_ACTOR_UNKNOWN', `no organisation ${actor.organisation} in the store`);
    }
    organisation = n;
  }
  return {
    ...(person === undefined ? {} : { person }),
    ...(organisation === undefined ? {} : { organisation }),
  };
}

/** Today as the store writes dates (YYYY-MM-DD, UTC). */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The country an INC actor speaks for: the one given, else its Inc or organisation's, else its person's. */
export const actorCountry = (actor: Actor, who: ResolvedActor): string | undefined =>
  actor.country ?? who.organisation?.country ?? who.person?.country;
