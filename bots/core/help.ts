/** Help replies: the commands a caller may run, or one command's arguments and examples. */
import { argFields, usage } from './args.js';
import type { Caller, Command } from './command.js';
import { mayRun } from './identity.js';
import type { CommandRegistry } from './registry.js';
import { type Reply, type ReplyItem, reply } from './reply.js';

export interface HelpOptions {
  readonly prefix: string;
  /** A sentence before the list: why help is shown (an unknown command, a question not understood). */
  readonly intro?: string;
  readonly tone?: Reply['tone'];
}

/** Every command the caller may run, with its one-line summary, and how to ask in words. */
export function commandsHelp(registry: CommandRegistry, caller: Caller, o: HelpOptions): Reply {
  const allowed = registry.list().filter((c) => mayRun(caller, c.permission));
  const hidden = registry.list().length - allowed.length;
  const items: ReplyItem[] = allowed.map((c) => ({
    title: `${o.prefix} ${usage(c)}`,
    why: c.summary,
    ...(c.aliases === undefined || c.aliases.length === 0 ? {} : { facts: c.aliases.map((a) => `also: ${a}`) }),
  }));
  const example = allowed.find((c) => c.name === 'who-solved');
  const lines = [
    o.intro,
    `Type \`${o.prefix} help <command>\` for a command's arguments and examples.`,
    example === undefined
      ? undefined
      : 'You can also ask in words, e.g. “@ileanet who has solved drone detection at prisons?”.',
  ].filter((l) => l !== undefined);
  return reply({
    tone: o.tone ?? 'answer',
    title: 'ileanet commands',
    text: lines.join('\n'),
    sections: [{ title: 'Commands', items }],
    ...(hidden > 0
      ? {
          footer: `${hidden} more command${hidden === 1 ? ' needs' : 's need'} a role you do not have (yours: ${caller.role}).`,
        }
      : {}),
  });
}

/** One command: usage line, what it does, each argument, examples. */
export function commandHelp(command: Command, o: HelpOptions): Reply {
  const items: ReplyItem[] = argFields(command).map((f) => {
    const facts = [
      f.required ? 'required' : 'optional',
      f.type === 'enum' ? (f.choices ?? []).join(' | ') : f.type === 'string' ? 'text' : f.type,
    ];
    return {
      title: f.positional ? `<${f.option}>` : `--${f.option}`,
      facts,
      ...(f.description === undefined ? {} : { why: f.description }),
    };
  });
  const examples: ReplyItem[] = (command.examples ?? []).map((e) => ({
    title: `${o.prefix} ${command.name} ${e}`.trim(),
  }));
  return reply({
    tone: o.tone ?? 'answer',
    title: `${o.prefix} ${usage(command)}`,
    text: [o.intro, command.summary, command.help].filter((l) => l !== undefined).join('\n'),
    sections: [
      ...(items.length === 0 ? [] : [{ title: 'Arguments', items }]),
      ...(examples.length === 0 ? [] : [{ title: 'Examples', items: examples }]),
    ],
  });
}
