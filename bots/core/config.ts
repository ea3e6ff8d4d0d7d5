/**
 * The platform-neutral part of the bots config (`bots.json`): names the bot answers to, roles
 * and identities, rate limits, privacy, plugins. Platform sections are read by their adapters
 * (bots/config.ts joins them). Validated once at start; every problem names its path.
 */
import { z } from 'zod';
import { MATCH_MODES } from '../../engine/match/index.js';
import { digestScheduleSchema } from './digest-schedule.js';
import { DEFAULT_ROLES, identitySchema, roleSchema } from './identity.js';

export const PRIVACY_LEVELS = ['network', 'restricted', 'never'] as const;

const pluginSchema = z.union([
  z.string().min(1),
  z.strictObject({
    /** A path (relative to the config file) or a package name. */
    module: z.string().min(1),
    /** The export holding the command (default: `command`, then `default`). */
    export: z.string().min(1).optional(),
  }),
]);

export const coreConfigSchema = z
  .strictObject({
    /** What people call the bot in free text ("@ileanet …", "ileanet: …"). */
    names: z.array(z.string().min(1)).min(1).default(['ileanet']),
    /** Dashboard base URL for links in replies. */
    dashboardUrl: z.url({ protocol: /^https?$/u }).optional(),
    /** Matching mode; default: hybrid when the engine has its sentence model, lexical otherwise. */
    matchMode: z.enum(MATCH_MODES).optional(),
    roles: z.record(z.string().min(1), roleSchema).default({}),
    defaultRole: z.string().min(1).default('guest'),
    identities: z.record(z.string().regex(/^[a-z]+:\S+$/u, 'must be platform:userId'), identitySchema).default({}),
    /**
     * `platform:conversationId` → a role: the readers of that conversation see at most what the
     * role sees (lowered further by the members the platform lists). For rooms whose readers the
     * member list does not tell, such as a Slack public channel.
     */
    audiences: z
      .record(z.string().regex(/^[a-z]+:\S+$/u, 'must be platform:conversationId'), z.string().min(1))
      .default({}),
    rateLimit: z
      .strictObject({
        max: z.number().int().min(1).default(10),
        windowSeconds: z.number().positive().default(60),
      })
      .default({ max: 10, windowSeconds: 60 }),
    privacy: z
      .strictObject({
        /**
         * Replies that show a node of this visibility or higher go to the asker's direct
         * messages, with a pointer left in the conversation. `never` keeps every reply in place.
         */
        dmFrom: z.enum(PRIVACY_LEVELS).default('restricted'),
      })
      .default({ dmFrom: 'restricted' }),
    /** A command running longer than this gets an apology instead of an answer. */
    timeoutSeconds: z.number().positive().default(60),
    plugins: z.array(pluginSchema).default([]),
    /**
     * Notices (alerts, introductions, digests) delivered by direct message: how often the outbox
     * looks for due ones, the least time between two messages to one person (notices in between
     * wait and go together), the first retry after a platform failed (doubling up to 15 minutes).
     */
    notify: z
      .strictObject({
        enabled: z.boolean().default(true),
        outboxSeconds: z.number().positive().default(10),
        minIntervalSeconds: z.number().nonnegative().default(60),
        retrySeconds: z.number().positive().default(5),
        /** Weekly INC digests: by direct message to each INC's coordinators, or posted in its `channel`. */
        digests: z.array(digestScheduleSchema).default([]),
      })
      .default({ enabled: true, outboxSeconds: 10, minIntervalSeconds: 60, retrySeconds: 5, digests: [] }),
    /**
     * Conversations (`platform:conversationId`) where new polls and surveys are announced, with
     * their options as buttons. Each gets only what every reader may see (the audience rule).
     * Needs `notify.enabled` (announcements go through the outbox).
     */
    announce: z
      .strictObject({
        channels: z.array(z.string().regex(/^[a-z]+:\S+$/u, 'must be platform:conversationId')).default([]),
      })
      .default({ channels: [] }),
    /** The audit log file (default `<data>/bots/audit.jsonl`). */
    auditLog: z.string().min(1).optional(),
  })
  .transform((c) => ({ ...c, roles: { ...DEFAULT_ROLES, ...c.roles } }))
  .superRefine((c, ctx) => {
    if (c.roles[c.defaultRole] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultRole'],
        message: `names no role (roles: ${Object.keys(c.roles).join(', ')})`,
      });
    }
    for (const [key, role] of Object.entries(c.audiences)) {
      if (c.roles[role] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['audiences', key], message: `"${role}" is not a defined role` });
      }
    }
    if (c.announce.channels.length > 0 && !c.notify.enabled) {
      ctx.addIssue({
        code: 'custom',
        path: ['announce', 'channels'],
        message: 'needs notify.enabled (announcements are sent by the outbox)',
      });
    }
    for (const [key, identity] of Object.entries(c.identities)) {
      if (c.roles[identity.role] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['identities', key, 'role'],
          message: `"${identity.role}" is not a defined role`,
        });
      }
    }
  });

export type CoreConfigInput = z.input<typeof coreConfigSchema>;
export type CoreConfig = z.output<typeof coreConfigSchema>;
export type PluginRef = z.output<typeof pluginSchema>;

/** One line per problem: `identities.slack:U1.role "boss" is not a defined role`. */
export function formatIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(config)'} ${i.message}`)
    .join('; ');
}
