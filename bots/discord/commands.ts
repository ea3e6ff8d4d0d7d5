/**
 * The registry as Discord application commands: one top-level `/ileanet` with a subcommand per
 * bot command, options read from each command's zod schema. Discord's limits shape it: 25
 * subcommands, 25 options, names of 1–32 lower-case characters, descriptions of 1–100, and
 * required options before optional ones.
 */
import { type ArgField, argFields } from '../core/args.js';
import type { Command } from '../core/command.js';
import { clip } from '../core/reply.js';

// Application command option types (discord-api-types ApplicationCommandOptionType).
const SUB_COMMAND = 1;
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const NUMBER = 10;

export interface CommandOption {
  readonly type: number;
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly options?: readonly CommandOption[];
}

export interface ApplicationCommand {
  readonly name: string;
  readonly description: string;
  readonly type: 1;
  readonly options: readonly CommandOption[];
}

export const MAX_SUBCOMMANDS = 25;

function option(f: ArgField): CommandOption {
  const type = f.type === 'integer' ? INTEGER : f.type === 'number' ? NUMBER : f.type === 'boolean' ? BOOLEAN : STRING;
  return {
    type,
    name: f.option,
    description: clip(f.description ?? f.option, 100),
    required: f.required,
    ...(f.type === 'enum' && (f.choices?.length ?? 0) <= 25
      ? { choices: (f.choices ?? []).map((c) => ({ name: c, value: c })) }
      : {}),
  };
}

/** The command body for PUT /applications/{app}/commands (or a guild's). Commands past 25 are left out (see `skipped`). */
export function applicationCommands(
  commands: readonly Command[],
  name: string,
): { body: ApplicationCommand[]; skipped: string[] } {
  const kept = commands.slice(0, MAX_SUBCOMMANDS);
  return {
    body: [
      {
        name,
        description: 'ileanet: who has solved what, partners, trends, polls and challenges of the network',
        type: 1,
        options: kept.map((c) => {
          const fields = argFields(c).slice(0, 25);
          const ordered = [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
          return { type: SUB_COMMAND, name: c.name, description: clip(c.summary, 100), options: ordered.map(option) };
        }),
      },
    ],
    skipped: commands.slice(MAX_SUBCOMMANDS).map((c) => c.name),
  };
}

/** An option as Discord sends it in an interaction (raw API payload and discord.js alike). */
export interface ReceivedOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly options?: readonly ReceivedOption[];
}

/** The subcommand and its option values from an interaction's options. */
export function subcommandOf(
  options: readonly ReceivedOption[],
): { command: string; options: Record<string, unknown> } | undefined {
  const sub = options.find((o) => o.type === SUB_COMMAND);
  if (sub === undefined) return undefined;
  return {
    command: sub.name,
    options: Object.fromEntries((sub.options ?? []).filter((o) => o.value !== undefined).map((o) => [o.name, o.value])),
  };
}
