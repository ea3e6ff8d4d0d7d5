/** The built-in commands, registered in the order help lists them. */
import { CommandRegistry } from '../core/registry.js';
import { brief } from './brief.js';
import { comment } from './comment.js';
import { consortium } from './consortium.js';
import { contact } from './contact.js';
import { events } from './events.js';
import { gaps } from './gaps.js';
import { helpCommand } from './help.js';
import { approve, decline, introduce, introductions, withdraw } from './introduce.js';
import { match } from './match.js';
import { poll } from './poll.js';
import { status } from './status.js';
import { submitChallengeCommand } from './submit-challenge.js';
import { subscribe, subscriptions, unsubscribe } from './subscribe.js';
import { suggest } from './suggest.js';
import { answer, survey } from './survey.js';
import { trends } from './trends.js';
import { vote } from './vote.js';
import { whoSolved } from './who-solved.js';

export const BUILT_IN = [
  whoSolved,
  match,
  suggest,
  consortium,
  trends,
  gaps,
  brief,
  submitChallengeCommand,
  vote,
  comment,
  status,
  poll,
  survey,
  answer,
  events,
  contact,
  subscribe,
  unsubscribe,
  subscriptions,
  introduce,
  introductions,
  approve,
  decline,
  withdraw,
] as const;

/** A registry with the built-in commands and help. */
export function builtInRegistry(): CommandRegistry {
  const registry = new CommandRegistry();
  for (const c of BUILT_IN) registry.register(c);
  registry.register(helpCommand(registry));
  return registry;
}
