/**
 * Compile-time checks of the plugin API (run by `tsc --noEmit`, as Fastify and bolt-js type
 * their public APIs): a handler's `args` is typed from the command's zod schema, and
 * `positional` only takes the schema's own keys.
 */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { type Command, defineCommand, reply } from '../../../bots/core/index.js';

const typed = defineCommand({
  name: 'typed',
  summary: 'Types flow from the schema.',
  permission: 'read',
  args: z.object({ text: z.string(), limit: z.number().int().default(3), country: z.string().optional() }),
  positional: ['text'],
  async handler({ args }) {
    expectTypeOf(args).toEqualTypeOf<{ text: string; limit: number; country?: string | undefined }>();
    return reply({ text: args.text });
  },
});

// Any command fits the registry's element type.
expectTypeOf(typed).toMatchTypeOf<Command>();

defineCommand({
  name: 'wrong',
  summary: 'A positional field must be a key of args.',
  permission: 'read',
  args: z.object({ text: z.string() }),
  // @ts-expect-error "query" is not a field of args
  positional: ['query'],
  handler: async () => reply({ text: '' }),
});
