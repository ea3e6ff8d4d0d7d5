/**
 * The command registry: built-in commands and plugins, by name and alias. A command is checked
 * when it is registered (shape, name, schema, positional fields), so a bad plugin fails at
 * start with its reason rather than on the first message that reaches it.
 */
import { argFields } from './args.js';
import type { Command } from './command.js';
import { BotError } from './errors.js';

/** Kebab-case, 1–32 characters: Discord's rule for (sub)command names, kept everywhere for one shape. */
export const COMMAND_NAME = /^[a-z][a-z0-9-]{0,31}$/u;
export const MAX_SUMMARY = 100;

/** Why `value` is not a valid command, or undefined when it is. */
export function commandProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const c = value as Partial<Record<keyof Command, unknown>>;
  if (typeof c.name !== 'string' || !COMMAND_NAME.test(c.name))
    return `name ${JSON.stringify(c.name)} must be lower-case kebab-case, 1 to 32 characters`;
  for (const a of (c.aliases as unknown[] | undefined) ?? []) {
    if (typeof a !== 'string' || !COMMAND_NAME.test(a)) return `alias ${JSON.stringify(a)} must be like a name`;
  }
  if (typeof c.summary !== 'string' || c.summary.length === 0 || c.summary.length > MAX_SUMMARY)
    return `summary must be text of 1 to ${MAX_SUMMARY} characters`;
  if (typeof c.permission !== 'string' || c.permission === '') return 'permission must be a non-empty string';
  if (typeof c.handler !== 'function') return 'handler must be a function';
  const args = c.args as { shape?: unknown; safeParse?: unknown } | undefined;
  if (
    typeof args !== 'object' ||
    args === null ||
    typeof args.shape !== 'object' ||
    typeof args.safeParse !== 'function'
  )
    return 'args must be a zod object schema (z.object({...}))';
  const command = value as Command;
  const fields = new Set(argFields(command).map((f) => f.name));
  for (const p of command.positional ?? []) {
    if (!fields.has(p)) return `positional field ${JSON.stringify(p)} is not in args`;
  }
  for (const p of command.phrases ?? []) {
    if (!(p.pattern instanceof RegExp) || typeof p.args !== 'function')
      return 'phrases must be { pattern: RegExp, args(match) }';
  }
  return undefined;
}

export class CommandRegistry {
  readonly #byName = new Map<string, Command>();
  readonly #commands: Command[] = [];

  /** Adds a command; throws ERR_BOT_PLUGIN when it is malformed, ERR_BOT_DUPLICATE_COMMAND when a name is taken. */
  register(command: Command, origin = 'built-in'): this {
    const problem = commandProblem(command);
    if (problem !== undefined) throw new BotError('ERR_BOT_PLUGIN', `command from ${origin}: ${problem}`);
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      const taken = this.#byName.get(name);
      if (taken !== undefined) {
        throw new BotError(
          'ERR_BOT_DUPLICATE_COMMAND',
          `command "${command.name}" from ${origin}: the name "${name}" is already taken by "${taken.name}"`,
        );
      }
    }
    for (const name of [command.name, ...(command.aliases ?? [])]) this.#byName.set(name, command);
    this.#commands.push(command);
    return this;
  }

  /** The command with this name or alias (any case), or undefined. */
  get(name: string): Command | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  /** Every command, in registration order. */
  list(): readonly Command[] {
    return this.#commands;
  }
}
