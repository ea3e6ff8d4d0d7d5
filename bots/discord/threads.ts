/**
 * Replies in a Discord thread under the bot's message about one challenge: they become comments
 * on it, as Slack thread replies and Matrix replies do. A thread started from a message has the
 * message's id as its own id, so the starter is read back (GET /channels/{parent}/messages/{thread})
 * and the one challenge its buttons' command lines name is the thread's subject; nothing is kept
 * on the side, so a restarted process reads old threads the same.
 */
import type { Message, ThreadChannel } from 'discord.js';
import { challengeOfCommands } from '../core/thread-comment.js';

/** The command lines of a message's buttons; `commandOf` turns a custom id back into its line. */
export function buttonCommands(message: Message, commandOf: (customId: string) => string | undefined): string[] {
  return message.components.flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) => {
          const command = 'customId' in c && typeof c.customId === 'string' ? commandOf(c.customId) : undefined;
          return command === undefined ? [] : [command];
        })
      : [],
  );
}

/**
 * The challenge of the thread's starter message when the bot wrote it, else undefined (a thread
 * on someone else's message, a thread started on its own, a starter about several challenges).
 * Throws when the starter cannot be read (deleted, no Read Message History).
 */
export async function threadChallenge(
  thread: ThreadChannel,
  botId: string,
  commandOf: (customId: string) => string | undefined,
): Promise<string | undefined> {
  // Forum posts and threads without a starter message have no bot message to be about.
  if (thread.parent === null || !thread.parent.isTextBased()) return undefined;
  const starter = await thread.fetchStarterMessage();
  if (starter === null || starter.author.id !== botId) return undefined;
  return challengeOfCommands(buttonCommands(starter, commandOf));
}

/** Whether a message is someone's words in a thread: not a bot's, not a system message (joins, pins). */
export function isThreadReply(message: Message): message is Message<true> & { channel: ThreadChannel } {
  return message.inGuild() && message.channel.isThread() && !message.author.bot && !message.system;
}
