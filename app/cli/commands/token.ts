/** `ileanet token create|list`: API tokens in the tokens file (stored hashed, shown once). */
import type { Command } from 'commander';
import { idSchema, SYSTEM } from '../../../graph/index.js';
import { issueTokens, ROLES, type Role, readTokensFile, tokensFile } from '../../api/tokens.js';
import { type CliContext, UsageError } from '../context.js';
import { asUsage } from './serve.js';

export function registerToken(program: Command, ctx: () => CliContext): void {
  const token = program
    .command('token')
    .description('API tokens for `ileanet serve` (roles: officer, inc, policy, admin)');

  token
    .command('create')
    .description('issue a token; it is printed once and stored hashed in <data>/api-tokens.json')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--name <name>', 'what the token is for (shown by `token list`, never logged)')
    .option('--person <id>', 'person the token acts as: their votes and raised challenges')
    .option('--org <id>', 'organisation the token acts for: its restricted data becomes visible')
    .action(async (opts: { role: string; name?: string; person?: string; org?: string }) => {
      const c = ctx();
      if (!(ROLES as readonly string[]).includes(opts.role)) {
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${opts.role}"`);
      }
      for (const [flag, id] of [
        ['--person', opts.person],
        ['--org', opts.org],
      ] as const) {
        if (id !== undefined && !idSchema.safeParse(id).success)
          throw new UsageError(`${flag} "${id}" is not a node id`);
      }
      const store = await c.openStore();
      try {
        const wanted = [opts.person, opts.org].filter((x): x is string => x !== undefined);
        const found = new Map((await store.getNodes(wanted, SYSTEM)).map((n) => [n.id, n.kind]));
        if (opts.person !== undefined && found.get(opts.person) !== 'Person') {
          throw new UsageError(`--person ${opts.person}: no such person in the store`);
        }
        if (opts.org !== undefined && found.get(opts.org) !== 'Organisation' && found.get(opts.org) !== 'Inc') {
          throw new UsageError(`--org ${opts.org}: no such organisation or INC in the store`);
        }
      } finally {
        await store.close();
      }
      const file = tokensFile(c.dataDir);
      const [issued] = await asUsage(
        issueTokens(file, [
          {
            name: opts.name ?? `${opts.role} token`,
            role: opts.role as Role,
            ...(opts.person === undefined ? {} : { person: opts.person }),
            ...(opts.org === undefined ? {} : { organisation: opts.org }),
          },
        ]),
      );
      c.stdout.write(`${issued?.token}\n`);
      c.stderr.write(`stored hashed in ${file}; this is the only time the token is shown\n`);
    });

  token
    .command('list')
    .description('tokens in the tokens file (names and roles; the tokens themselves are not kept)')
    .action(async () => {
      const c = ctx();
      const file = tokensFile(c.dataDir);
      const entries = await asUsage(readTokensFile(file));
      if (entries.length === 0) c.stdout.write(`no tokens in ${file}\n`);
      for (const e of entries) {
        const as = [e.person, e.organisation].filter((x) => x !== undefined).join(', ');
        c.stdout.write(
          `${e.sha256.slice(0, 12)}  ${e.role.padEnd(8)} ${e.name}${as === '' ? '' : ` (${as})`}${e.demo ? ' [demo]' : ''}\n`,
        );
      }
    });
}
