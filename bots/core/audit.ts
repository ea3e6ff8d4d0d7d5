/**
 * The audit log: one JSON line per request, appended, never rewritten: who asked, when, on which
 * platform and in which conversation, which command with which arguments, and how it ended.
 * Answer contents are not logged (they are recomputable, and they may hold restricted data).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export type AuditOutcome =
  /** Answered. */
  | 'ok'
  /** The role does not grant the command's permission. */
  | 'denied'
  | 'rate-limited'
  /** Malformed arguments, or a request the engine refused as bad input. */
  | 'invalid'
  /** No such command, or free text that matched none: help was shown. */
  | 'unknown'
  /** The engine or the plugin failed; the asker got an apology. */
  | 'error'
  /** The bot was stopping: the asker was told to send it again. */
  | 'stopping';

export interface AuditEntry {
  /** The request's id: the delivery line of its answer carries it too. */
  readonly id?: string;
  /** ISO time the request arrived. */
  readonly at: string;
  readonly platform: string;
  /** `platform:userId`. */
  readonly user: string;
  readonly role: string;
  readonly conversation: string;
  readonly dm: boolean;
  readonly via: string;
  /** The command run, when one was recognised. */
  readonly command?: string;
  /** The validated arguments (the question asked), when they were valid. */
  readonly args?: Readonly<Record<string, unknown>>;
  readonly outcome: AuditOutcome;
  /**
   * Where the runtime sent the answer: the conversation, the asker's direct messages, or only
   * the asker (`private` only where the platform has messages one member sees; elsewhere `here`).
   * Whether it arrived is the request's delivery line.
   */
  readonly delivered?: 'here' | 'dm' | 'private';
  /**
   * The clearance of the conversation's audience, when it was lower than the asker's: what was
   * posted there was computed for it.
   */
  readonly audience?: string;
  /** Stable error code, for invalid and error outcomes. */
  readonly code?: string;
  /** Reference shown to the asker with an apology, to find the logged error. */
  readonly ref?: string;
  readonly ms: number;
}

/** Where a message of an answer was posted: the conversation for all, a direct conversation, or only the asker's view. */
export type DeliveryPlace = 'room' | 'dm' | 'ephemeral';

/** What the adapter reports once it has sent (or failed to send) a request's answer. */
export interface DeliveryReport {
  /** Each message that went out, where. */
  readonly to: readonly DeliveryPlace[];
  /** Everything meant to go out did. */
  readonly ok: boolean;
  /** Sends in all, retries after rate limits included. */
  readonly attempts: number;
  readonly error?: string;
}

/** The second line of a request: where its answer really went, and whether it arrived. */
export interface DeliveryEntry extends DeliveryReport {
  readonly kind: 'delivery';
  /** The request's id. */
  readonly id: string;
  readonly at: string;
  readonly platform: string;
  readonly conversation: string;
}

export interface AuditLog {
  /** Appends one entry; entries keep the order of calls. Rejects when the file cannot be written. */
  append(entry: AuditEntry | DeliveryEntry): Promise<void>;
  readonly path: string;
}

/**
 * `pseudonym` (engine/privacy/pseudonym.ts in production) replaces the chat user id and the
 * conversation id of every line by a keyed hash, so the log names no one; erasure and export find
 * a person's lines by computing their identities' pseudonyms under the kept keys.
 */
export function createAuditLog(path: string, pseudonym?: (value: string) => string): AuditLog {
  let ready: Promise<unknown> | undefined;
  // One write at a time, in call order: O_APPEND writes of a line are atomic on local file
  // systems, but two in-flight appends could still land out of order.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    path,
    append(entry) {
      // The folder is made once; a failure (a read-only mount) is tried again on the next entry.
      ready ??= mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch((e: unknown) => {
        ready = undefined;
        throw e;
      });
      const shown =
        pseudonym === undefined
          ? entry
          : {
              ...entry,
              ...('user' in entry ? { user: pseudonym(entry.user) } : {}),
              conversation: pseudonym(entry.conversation),
            };
      const line = `${JSON.stringify(shown)}\n`;
      const write = tail
        .then(
          () => ready,
          () => ready,
        )
        .then(() => appendFile(path, line, { encoding: 'utf8', flag: 'a', mode: 0o600 }));
      tail = write.catch(() => undefined);
      return write;
    },
  };
}
