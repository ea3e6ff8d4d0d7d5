/**
 * What erasure and export must do, per kind of personal record: the one place a new kind of
 * record about a person (comments, subscriptions, alerts…) is added. Each kind says how to list
 * what is held about a person (export) and how to erase it (erasure), and in which phase it runs:
 *  - `links`: while the Person node still exists (it may read the person's relationships, e.g. to
 *    turn votes into anonymous tallies, or replace a comment's text);
 *  - `node`: the Person node and every relationship touching it go (core, `person` below);
 *  - `traces`: after the node is gone and the change feed is redacted: files and logs outside the
 *    store (vectors, persisted read models, audit and request logs, tokens, chat identities).
 * Kinds run in registration order within a phase. `erase` must be idempotent: an erasure cut short
 * (kill -9) is finished by the next start, and a kind cut short runs again from the beginning.
 */
import type { GraphStore } from '../../graph/index.js';
import type { Pseudonymizer } from './pseudonym.js';

export type ErasurePhase = 'links' | 'node' | 'traces';

export interface PersonalContext {
  readonly store: GraphStore;
  readonly dataDir: string;
  readonly person: { readonly id: string; readonly name: string };
  /** Pseudonyms of the person and their chat identities are computed with it. */
  readonly pseudonyms: Pseudonymizer;
  readonly log: (line: string) => void;
}

export interface ErasureContext extends PersonalContext {
  /** The erasure's own id (random; it names no one). */
  readonly erasure: string;
  /** Scratch state of this erasure that survives a restart (kept in its journal until it ends). */
  readonly state: Record<string, unknown>;
  /** Saves `state` to the journal now (before a step that must not be repeated). */
  save(): Promise<void>;
}

export interface PersonalRecordKind {
  /** Stable name: the export's section and the erasure report's key. */
  readonly name: string;
  readonly phase: ErasurePhase;
  /** What is held about the person, as JSON (undefined or [] when nothing). */
  export(ctx: PersonalContext): Promise<unknown>;
  /** Erases it; returns how many records went (or were anonymised). Idempotent. */
  erase(ctx: ErasureContext): Promise<number>;
}

export class PersonalRecords {
  readonly #kinds: PersonalRecordKind[] = [];

  /** Adds a kind; a name used twice is a programming error. */
  register(kind: PersonalRecordKind): this {
    if (this.#kinds.some((k) => k.name === kind.name)) throw new Error(`personal record kind ${kind.name} twice`);
    this.#kinds.push(kind);
    return this;
  }

  /** Kinds in running order: links, node, traces; registration order within each. */
  get kinds(): readonly PersonalRecordKind[] {
    const order: readonly ErasurePhase[] = ['links', 'node', 'traces'];
    return order.flatMap((p) => this.#kinds.filter((k) => k.phase === p));
  }
}

/** Where a kind lists, in the erasure's state, more ids whose feed records must go (see alsoRedact). */
export const REDACT_KEY = 'redact';

/**
 * Asks the erasure to redact the feed records of these ids too (records that name the person
 * only by content, e.g. an answer re-keyed away from them). Saved with the journal by the caller.
 */
export function alsoRedact(ctx: ErasureContext, ids: readonly string[]): void {
  const known = Array.isArray(ctx.state[REDACT_KEY]) ? (ctx.state[REDACT_KEY] as string[]) : [];
  ctx.state[REDACT_KEY] = [...new Set([...known, ...ids])];
}
