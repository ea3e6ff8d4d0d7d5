/**
 * Arguments: from what was typed (`drone detection --country FR --min-trl=6`) or sent as typed
 * options (Discord) to the object a command's zod schema accepts, and every failure to one
 * sentence naming the argument and what is wrong with it. The schema is the single source:
 * fields, types, choices and descriptions are read from it for parsing, usage lines and
 * Discord's option definitions.
 */
import type { z } from 'zod';
import type { ArgsSchema, Command } from './command.js';
import { BotError } from './errors.js';

export type ArgType = 'string' | 'integer' | 'number' | 'boolean' | 'enum';

export interface ArgField {
  /** The schema key (camelCase). */
  readonly name: string;
  /** How it is typed: `--min-trl` (kebab-case of the key); also Discord's option name. */
  readonly option: string;
  readonly type: ArgType;
  readonly choices?: readonly string[];
  readonly required: boolean;
  readonly description?: string;
  /** Filled from free words (see Command.positional). */
  readonly positional: boolean;
  /** The last positional field takes the rest of the text. */
  readonly rest: boolean;
  /**
   * Free text (a string option that takes 200 characters or more, such as a description): typed
   * unquoted, its value runs over the following words up to the next option, as people write it.
   */
  readonly prose: boolean;
}

// Zod's internals are typed loosely across wrapper kinds; these helpers read the documented
// `_zod.def` of each wrapper (optional, default, nullable, pipe) without depending on classes.
interface ZodLike {
  readonly _zod: { readonly def: { readonly type: string; readonly innerType?: ZodLike; readonly in?: ZodLike } };
  readonly description?: string;
  readonly format?: string | null;
  readonly options?: readonly unknown[];
  /** Zod 4: a string schema's `.max()`, or null. */
  readonly maxLength?: number | null;
  safeParse(v: unknown): { success: boolean };
}

function inner(schema: ZodLike): ZodLike {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const def = s._zod.def;
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType)
      s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return s;
}

function describeOf(schema: ZodLike): string | undefined {
  let s: ZodLike | undefined = schema;
  for (let i = 0; s !== undefined && i < 10; i++) {
    if (s.description !== undefined) return s.description;
    const def: ZodLike['_zod']['def'] = s._zod.def;
    s = def.innerType ?? def.in;
  }
  return undefined;
}

export const kebab = (s: string): string => s.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`);

/** The fields of a command's schema, in declaration order. */
export function argFields(command: Pick<Command, 'args' | 'positional'>): ArgField[] {
  const positional = command.positional ?? [];
  return Object.entries(command.args.shape as Record<string, ZodLike>).map(([name, schema]) => {
    const base = inner(schema);
    const t = base._zod.def.type;
    const type: ArgType =
      t === 'number'
        ? base.format === 'safeint' || base.format === 'int32'
          ? 'integer'
          : 'number'
        : t === 'boolean'
          ? 'boolean'
          : t === 'enum'
            ? 'enum'
            : 'string';
    const description = describeOf(schema);
    const p = positional.indexOf(name);
    return {
      name,
      option: kebab(name),
      type,
      ...(type === 'enum' ? { choices: (base.options ?? []).map(String) } : {}),
      required: !schema.safeParse(undefined).success,
      ...(description === undefined ? {} : { description }),
      positional: p >= 0,
      rest: p >= 0 && p === positional.length - 1,
      prose: p < 0 && type === 'string' && (base.maxLength ?? 0) >= 200,
    };
  });
}

/** `who-solved <text> [--country XX] [--limit N]`: the command line shape, for help and errors. */
export function usage(command: Pick<Command, 'name' | 'args' | 'positional'>): string {
  const fields = argFields(command);
  const parts = [command.name];
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const name of command.positional ?? []) {
    const f = byName.get(name);
    if (f === undefined) continue;
    parts.push(f.required ? `<${f.option}>` : `[${f.option}]`);
  }
  for (const f of fields) {
    if (f.positional) continue;
    const value =
      f.type === 'boolean'
        ? ''
        : f.type === 'enum'
          ? ` ${(f.choices ?? []).join('|')}`
          : f.type === 'integer' || f.type === 'number'
            ? ' N'
            : ` <${f.option}>`;
    parts.push(f.required ? `--${f.option}${value}` : `[--${f.option}${value}]`);
  }
  return parts.join(' ');
}

interface Token {
  readonly text: string;
  /** Written with quotes: never an option, even when it starts with dashes. */
  readonly quoted: boolean;
}

// Typographic quotes come from phone keyboards and from macOS/iOS "smart punctuation" in chat
// clients; a straight apostrophe is left alone so that "what's trending" stays one word.
const OPEN_QUOTES: Readonly<Record<string, string>> = { '"': '"', '“': '”', '„': '“', '«': '»' };

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    const close = OPEN_QUOTES[c];
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      if (end > i) {
        out.push({ text: text.slice(i + 1, end), quoted: true });
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < text.length && !/\s/u.test(text[j] as string)) j++;
    out.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  return out;
}

// Chat clients turn a typed "--" into an en or em dash ("—country"); both still mean an option.
const OPTION = /^(?:--|—|–)([A-Za-z][\w-]*)(?:=(.*))?$/su;

function fieldFor(fields: readonly ArgField[], key: string): ArgField | undefined {
  const k = key.toLowerCase();
  return fields.find((f) => f.option === k || f.name.toLowerCase() === k);
}

const listOptions = (fields: readonly ArgField[]) =>
  fields
    .filter((f) => !f.positional)
    .map((f) => `--${f.option}`)
    .join(', ');

function argsError(command: Pick<Command, 'name' | 'args' | 'positional'>, problem: string): BotError {
  return new BotError('ERR_BOT_ARGS', `${command.name}: ${problem}`);
}

/**
 * Raw values (strings, as typed) by field name, from a command line after the command name.
 * Throws ERR_BOT_ARGS for unknown options, a missing option value, or words the command does not take.
 */
export function splitArgs(
  command: Pick<Command, 'name' | 'args' | 'positional'>,
  text: string,
): Record<string, string | boolean> {
  const fields = argFields(command);
  const tokens = tokenize(text);
  const raw: Record<string, string | boolean> = {};
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const m = t.quoted ? null : OPTION.exec(t.text);
    if (m === null) {
      words.push(t.text);
      continue;
    }
    const name = m[1] as string;
    const field = fieldFor(fields, name);
    if (field === undefined) {
      const known = listOptions(fields);
      throw argsError(command, `unknown option --${name}${known === '' ? '' : `; it takes ${known}`}`);
    }
    if (m[2] !== undefined) {
      raw[field.name] = m[2];
    } else if (field.type === 'boolean') {
      raw[field.name] = true;
    } else {
      const next = tokens[i + 1];
      if (next === undefined || (!next.quoted && OPTION.test(next.text))) {
        throw argsError(command, `--${field.option} needs a value`);
      }
      raw[field.name] = next.text;
      i++;
      // `--description Packages are dropped at night`: the words up to the next option are the value.
      if (field.prose && !next.quoted) {
        const more: string[] = [];
        while (i + 1 < tokens.length) {
          const t2 = tokens[i + 1] as Token;
          if (!t2.quoted && OPTION.test(t2.text)) break;
          more.push(t2.text);
          i++;
        }
        if (more.length > 0) raw[field.name] = [next.text, ...more].join(' ');
      }
    }
  }
  const positional = (command.positional ?? []) as readonly string[];
  if (words.length > 0 && positional.length === 0) {
    throw argsError(
      command,
      `it takes no words, only options (${listOptions(fields) || 'none'}); got "${words.join(' ')}"`,
    );
  }
  positional.forEach((name, k) => {
    const last = k === positional.length - 1;
    const value = last ? words.splice(0).join(' ') : words.shift();
    if (value !== undefined && value !== '' && raw[name] === undefined) raw[name] = value;
  });
  return raw;
}

const TRUE = new Set(['true', 'yes', 'on', '1', 'y']);
const FALSE = new Set(['false', 'no', 'off', '0', 'n']);

/** Strings typed in chat as the field's type; what cannot be converted stays as is, for the schema to reject. */
function coerce(field: ArgField | undefined, value: unknown): unknown {
  if (field === undefined || typeof value !== 'string') return value;
  const v = value.trim();
  switch (field.type) {
    case 'integer':
    case 'number':
      return /^[+-]?\d+(?:\.\d+)?$/u.test(v) ? Number(v) : value;
    case 'boolean':
      return TRUE.has(v.toLowerCase()) ? true : FALSE.has(v.toLowerCase()) ? false : value;
    case 'enum':
      return field.choices?.find((c) => c.toLowerCase() === v.toLowerCase()) ?? value;
    default:
      return value;
  }
}

const expectedWords: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'yes or no',
};

function issueText(issue: z.core.$ZodIssue, field: ArgField | undefined, given: boolean): string {
  const who = field === undefined ? 'arguments' : field.positional ? `<${field.option}>` : `--${field.option}`;
  switch (issue.code) {
    case 'invalid_type':
      if (!given) return `${who} is missing`;
      return `${who} must be ${expectedWords[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${who} must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `--${kebab(k)}`).join(', ')}`;
    default:
      return `${who} ${issue.message}`;
  }
}

/**
 * Validates raw values (typed in chat, or typed options from Discord keyed by option or field
 * name) against the command's schema. Throws ERR_BOT_ARGS with one sentence per problem.
 */
export function validateArgs<S extends ArgsSchema>(
  command: Command<S>,
  raw: Readonly<Record<string, unknown>>,
): z.output<S> {
  const fields = argFields(command);
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const field = fieldFor(fields, key);
    if (field === undefined) {
      throw argsError(command, `unknown option --${kebab(key)}; it takes ${listOptions(fields) || 'none'}`);
    }
    input[field.name] = coerce(field, value);
  }
  const parsed = command.args.safeParse(input);
  if (parsed.success) return parsed.data as z.output<S>;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path[0];
    return issueText(
      issue,
      typeof key === 'string' ? fieldFor(fields, key) : undefined,
      typeof key === 'string' && key in input,
    );
  });
  throw argsError(command, [...new Set(problems)].join('; '));
}
