/**
 * Which challenge a bot message is about, for replies in its thread (they become comments on it):
 * the challenge ids its buttons' command lines name (`vote <id>`, `match <id>`, `status <id> …`),
 * when they name exactly one. The message itself carries it, so any bots process (and one
 * restarted since it posted) reads it the same, with nothing kept on the side; a message about
 * several challenges (a list) or none names no thread subject and its replies stay commands.
 */

/** Challenge ids: `<source>:challenge:<rest>` (demo, input, cordis imports). */
const CHALLENGE_ID = /(?<![\w:])[a-z][a-z0-9-]*:challenge:[^\s"'<>`]+/gu;

export function challengeOfCommands(commands: readonly string[]): string | undefined {
  const ids = new Set(commands.flatMap((c) => [...c.matchAll(CHALLENGE_ID)].map((m) => m[0])));
  return ids.size === 1 ? [...ids][0] : undefined;
}
