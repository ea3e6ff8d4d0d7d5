/**
 * Who reads a conversation. A shared room gets only what everyone in it may see, so an answer
 * posted there is computed for the room's audience: the lowest clearance among its members and
 * only the organisations all of them belong to (restricted nodes of an organisation are visible
 * to its members only). The members come from the platform (Matrix joined and invited members,
 * Slack conversations.members, Discord members who may view the channel); an audience configured
 * per conversation (`audiences` in bots.json) lowers it further, for rooms whose readers the
 * member list does not tell (a Slack public channel anyone in the workspace may open). When
 * neither is known the audience is the default role: the safe side.
 */
import { CLEARANCE_RANK, type Clearance, commonViewer, type Viewer } from '../../graph/index.js';
import type { Adapter } from './adapter.js';
import type { Caller } from './command.js';
import type { Identities, Role } from './identity.js';

export interface AudienceSource {
  readonly platform: string;
  readonly conversationId: string;
  /** Platform user ids who may read the conversation (the bot itself left out); undefined when unknown. */
  readonly members?: readonly string[];
}

export interface AudienceConfig {
  readonly roles: Readonly<Record<string, Role>>;
  readonly defaultRole: string;
  /** `platform:conversationId` → the role whose clearance the conversation's readers have at most. */
  readonly audiences: Readonly<Record<string, string>>;
}

const lowest = (a: Clearance, b: Clearance): Clearance => (CLEARANCE_RANK[a] <= CLEARANCE_RANK[b] ? a : b);

function roleClearance(config: AudienceConfig, name: string): Clearance {
  const role = config.roles[name];
  // The config schema checks every role name; this guards a hand-built config.
  if (role === undefined) throw new Error(`role "${name}" is not defined`);
  return role.clearance;
}

/** The viewer an answer posted in the conversation is computed for. */
export function audienceViewer(source: AudienceSource, config: AudienceConfig, identities: Identities): Viewer {
  const id = `audience:${source.platform}:${source.conversationId}`;
  const configured = config.audiences[`${source.platform}:${source.conversationId}`];
  const members = source.members;
  if (members === undefined || members.length === 0) {
    // Nobody known to read it: the configured audience, else the default role; no organisation.
    return { id, clearance: roleClearance(config, configured ?? config.defaultRole), orgs: [] };
  }
  // What every member sees (graph/viewer.ts commonViewer), lowered further by a configured audience.
  const common = commonViewer(
    id,
    members.map((m) => identities.resolve(source.platform, m).viewer),
  );
  if (configured === undefined) return common;
  return { ...common, clearance: lowest(common.clearance, roleClearance(config, configured)) };
}

/** Whether `audience` sees at least everything `viewer` sees (then one answer serves both). */
export function seesAllOf(audience: Viewer, viewer: Viewer): boolean {
  if (CLEARANCE_RANK[audience.clearance] < CLEARANCE_RANK[viewer.clearance]) return false;
  if (audience.clearance === 'all') return true;
  return viewer.orgs.every((o) => audience.orgs.includes(o));
}

/** The caller as the audience: same person and settings, the audience's eyes. */
export const asAudience = (caller: Caller, audience: Viewer): Caller => ({ ...caller, viewer: audience });

/**
 * A room the bots post in unasked (announcements, digests), with its members as the platform lists
 * them now. A platform that cannot tell gives no members: the audience is then the configured one or
 * the default role, the safe side.
 */
export async function roomSource(
  adapter: Pick<Adapter, 'readers'> | undefined,
  platform: string,
  conversationId: string,
  warn: (line: string) => void,
): Promise<AudienceSource> {
  try {
    const members = await adapter?.readers?.(conversationId);
    return { platform, conversationId, ...(members === undefined ? {} : { members }) };
  } catch (e) {
    warn(
      `${platform}:${conversationId}: the members are unknown (${(e as Error).message}); posting for the configured audience or the default role`,
    );
    return { platform, conversationId };
  }
}
