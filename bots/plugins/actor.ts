/** The engine/input actor of a caller, and a clear message when the bot config does not link them to the graph. */
import type { Actor } from '../../engine/input/index.js';
import type { Caller } from '../core/command.js';
import { CommandError } from '../core/errors.js';

export function actorOf(caller: Caller): Actor {
  return {
    viewer: caller.viewer,
    ...(caller.person === undefined ? {} : { person: caller.person }),
    ...(caller.organisation === undefined ? {} : { organisation: caller.organisation }),
  };
}

/** Votes start from a Person: say so before the engine refuses. */
export function requirePerson(caller: Caller, what: string): void {
  if (caller.person !== undefined) return;
  throw new CommandError(
    `To ${what}, your chat account must be linked to your person in ileanet: ask an administrator to add "${caller.key}" with your person id to the identities of the bot config.`,
  );
}

export function requirePersonOrOrganisation(caller: Caller, what: string): void {
  if (caller.person !== undefined || caller.organisation !== undefined) return;
  throw new CommandError(
    `To ${what}, your chat account must be linked to your person or organisation in ileanet: ask an administrator to add "${caller.key}" to the identities of the bot config.`,
  );
}
