/** `help [command]`: what the bot can do for this caller, or one command in detail. */
import { z } from 'zod';
import { defineCommand } from '../core/command.js';
import { commandHelp, commandsHelp } from '../core/help.js';
import type { CommandRegistry } from '../core/registry.js';

/** Help reads the registry it is registered in. */
export function helpCommand(registry: CommandRegistry) {
  return defineCommand({
    name: 'help',
    aliases: ['commands'],
    summary: 'What this bot can do for you; `help <command>` for one command’s arguments.',
    args: z.object({ command: z.string().optional().describe('a command name') }),
    positional: ['command'],
    permission: 'help',
    replyPrivately: true,
    phrases: [{ pattern: /^(?:\?|what can you do|how does this work|help me)$/iu, args: () => ({}) }],
    async handler({ args, caller, settings }) {
      const prefix = settings.commandPrefix;
      if (args.command === undefined) return commandsHelp(registry, caller, { prefix });
      const word = args.command.trim().split(/\s+/u)[0] ?? '';
      const command = registry.get(word);
      if (command === undefined)
        return commandsHelp(registry, caller, { prefix, intro: `I do not know the command “${word}”.` });
      return commandHelp(command, { prefix });
    },
  });
}
