/**
 * Identity → role → viewer, from the config. A chat user is `platform:userId`; the identity map
 * gives them a role and, optionally, their Person, organisation and country in the graph. The
 * role gives a clearance and permissions. The viewer built from both is what every engine read
 * runs as, so a guest in a public Slack sees what an anonymous reader of the API sees.
 */
import { z } from 'zod';
import type { Clearance } from '../../graph/index.js';
import { countryCode, idSchema } from '../../graph/index.js';
import type { Caller } from './command.js';

export const roleSchema = z.strictObject({
  clearance: z.enum(['public', 'network', 'all']),
  /** Permissions this role grants (`read`, `suggest`, `submit`, `vote`, plugin-defined ones); `*` grants all. */
  permissions: z.array(z.string().min(1)).default([]),
});
export type Role = z.output<typeof roleSchema>;

export const identitySchema = z.strictObject({
  role: z.string().min(1),
  person: idSchema.optional(),
  organisation: idSchema.optional(),
  /** Further organisations whose restricted nodes this user may see. */
  orgs: z.array(idSchema).default([]),
  country: countryCode.optional(),
});
export type Identity = z.output<typeof identitySchema>;

/**
 * Built in, so a bot with no roles configured is safe: unknown users are guests who see only
 * public nodes and may only read. Config roles of the same name replace these.
 */
export const DEFAULT_ROLES: Readonly<Record<string, Role>> = {
  guest: { clearance: 'public', permissions: ['help', 'read'] },
  member: { clearance: 'network', permissions: ['help', 'read', 'suggest', 'submit', 'vote', 'subscribe'] },
  /** A national contact point: a member who also moves the challenges of their country (`status`). */
  inc: { clearance: 'network', permissions: ['help', 'read', 'suggest', 'submit', 'vote', 'moderate', 'subscribe'] },
  admin: { clearance: 'all', permissions: ['*'] },
};

export interface IdentityConfig {
  readonly roles: Readonly<Record<string, Role>>;
  /** The role of users the identity map does not name. */
  readonly defaultRole: string;
  /** Keys are `platform:userId`, or patterns with `*` (`matrix:@*:police.example`). */
  readonly identities: Readonly<Record<string, Identity>>;
}

const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
      .join('.*')}$`,
    'u',
  );

export interface Identities {
  /** The caller for a platform user; unknown users get the default role and no organisation. */
  resolve(platform: string, userId: string, displayName?: string): Caller;
}

export function createIdentities(config: IdentityConfig): Identities {
  const exact = new Map<string, Identity>();
  // Most specific first: the pattern with the most literal characters wins.
  const patterns: { re: RegExp; weight: number; identity: Identity }[] = [];
  for (const [key, identity] of Object.entries(config.identities)) {
    if (key.includes('*')) patterns.push({ re: globToRegExp(key), weight: key.replace(/\*/gu, '').length, identity });
    else exact.set(key, identity);
  }
  patterns.sort((a, b) => b.weight - a.weight);
  const roleOf = (name: string): Role => {
    const role = config.roles[name];
    // The config schema checks every role name; this guards a hand-built config.
    if (role === undefined) throw new Error(`role "${name}" is not defined`);
    return role;
  };
  return {
    resolve(platform, userId, displayName) {
      const key = `${platform}:${userId}`;
      const identity = exact.get(key) ?? patterns.find((p) => p.re.test(key))?.identity;
      const roleName = identity?.role ?? config.defaultRole;
      const role = roleOf(roleName);
      const orgs = [...new Set([identity?.organisation, ...(identity?.orgs ?? [])].filter((o) => o !== undefined))];
      return {
        key,
        platform,
        userId,
        ...(displayName === undefined ? {} : { displayName }),
        role: roleName,
        permissions: role.permissions,
        viewer: { id: key, clearance: role.clearance as Clearance, orgs },
        ...(identity?.person === undefined ? {} : { person: identity.person }),
        ...(identity?.organisation === undefined ? {} : { organisation: identity.organisation }),
        ...(identity?.country === undefined ? {} : { country: identity.country }),
      };
    },
  };
}

export const mayRun = (caller: Pick<Caller, 'permissions'>, permission: string): boolean =>
  caller.permissions.includes('*') || caller.permissions.includes(permission);
