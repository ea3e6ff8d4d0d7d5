/**
 * The graph model, defined once: node kinds, relationship types, their fields and
 * which endpoints a relationship may join. Store, engine, API and bots share these
 * schemas and the types derived from them.
 *
 * Every field is a primitive or an array of primitives, so that both backends keep
 * them natively (Neo4j properties cannot be nested maps).
 */
import { z } from 'zod';

export const NODE_KINDS = [
  'Person',
  'Organisation',
  'Country',
  'Inc',
  'Challenge',
  'Topic',
  'Project',
  'Result',
  'Event',
  'Poll',
  'Document',
  'StatusChange',
  'Comment',
  'Survey',
  'SurveyAnswer',
  'ContactRoute',
  'Notice',
  'Subscription',
  'Introduction',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const VISIBILITIES = ['public', 'network', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const ORG_KINDS = ['lea', 'academia', 'research', 'industry', 'public', 'ngo', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Stable ids from the source, e.g. `cordis:project:740714`; no white space so they read well in paths and logs. */
export const idSchema = z
  .string()
  .min(1, 'is empty')
  .max(300, 'is longer than 300 characters')
  .regex(/^\S+$/u, 'contains white space');

/** Calendar date or date-time in ISO 8601; trends bucket on its first 7 or 10 characters. */
export const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u,
    'is not an ISO date (YYYY-MM-DD)',
  )
  // Date.parse accepts 2023-02-30 (it rolls over), so check that the day survives a round trip.
  .refine((s) => {
    const t = Date.parse(`${s.slice(0, 10)}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s.slice(0, 10);
  }, 'is not a real calendar date');

/** Country codes as CORDIS writes them: ISO 3166-1 alpha-2, plus EL (Greece), UK and XK. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/u, 'is not a two-letter country code');

/** Links shown to users: http(s) only, so a stored `javascript:` URL can never become a live link. */
const webUrl = z.url({ protocol: /^https?$/u }).max(2_000);

const text = (max = 20_000) => z.string().max(max, `is longer than ${max} characters`);
const label = text(1_000).min(1, 'is empty');
const strings = z.array(text(500)).max(1_000);

/**
 * Hit/no-hit (issue 17): the owner of a `restricted` work may mark it discoverable. Viewers who may
 * not see it then learn only that a matching item exists (its kind, the owner's organisation kind
 * and country, an opaque handle to ask for an introduction: engine/discover); nothing else of it.
 * Meaningless on other visibilities, where the work is seen in full anyway.
 */
const discoverable = z.boolean().optional();

/** Fields every node carries. `date` is the moment the node counts for in trends (start, raised, held). */
const base = {
  id: idSchema,
  visibility: z.enum(VISIBILITIES).default('network'),
  owner: idSchema.optional(),
  date: isoDate.optional(),
};

export const personSchema = z.strictObject({
  ...base,
  kind: z.literal('Person'),
  name: label,
  roles: z.array(z.enum(['practitioner', 'researcher', 'industry', 'policy', 'inc'])).default([]),
  expertise: strings.default([]),
  languages: strings.default([]),
  country: countryCode.optional(),
  bio: text().optional(),
});

export const organisationSchema = z.strictObject({
  ...base,
  kind: z.literal('Organisation'),
  name: label,
  shortName: text(200).optional(),
  orgKind: z.enum(ORG_KINDS),
  country: countryCode.optional(),
  city: text(200).optional(),
  sme: z.boolean().optional(),
});

export const countrySchema = z.strictObject({
  ...base,
  kind: z.literal('Country'),
  code: countryCode,
  name: label,
});

export const incSchema = z.strictObject({
  ...base,
  kind: z.literal('Inc'),
  name: label,
  country: countryCode,
  mandate: text().optional(),
  /**
   * How this INC brokers introductions (engine/introductions): `approve` (the default) asks a
   * coordinator for every request it is concerned by; `auto-domestic` approves at once a request
   * whose requester and target are both of its country. Across borders approval is always asked.
   */
  introductions: z.enum(['approve', 'auto-domestic']).optional(),
});

/**
 * Votes of people erased at their request (engine/privacy): the vote kept as an anonymous count on
 * what was voted on, one entry per vote (a challenge: the value as text, "1" or "-1"; a poll: the
 * option chosen), so tallies stay right after the voter and their VOTED link are gone. They count
 * for every viewer of the node: the voter's own visibility went with the voter.
 */
const erasedVotes = z.array(z.string().min(1).max(600)).max(1_000_000);

/**
 * The vote of an `erasedVotes` entry. Entries are `<vote>#<token>`: the random token (one per vote,
 * linking nothing) lets an interrupted erasure that runs again see the vote is already counted.
 */
export function erasedVoteValue(entry: string): string {
  const at = entry.lastIndexOf('#');
  return at < 0 ? entry : entry.slice(0, at);
}

/**
 * The lifecycle: open → in-progress ("under analysis") → addressed | closed, and duplicate (of
 * another challenge, `duplicateOf`). `in-progress` keeps its stored name (imported data and the
 * generator's pinned output use it); surfaces show it as "under analysis".
 */
export const CHALLENGE_STATUSES = ['open', 'in-progress', 'addressed', 'closed', 'duplicate'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
/** The statuses of a need still open in the network's eyes: they count in gaps. */
export const OPEN_STATUSES: readonly ChallengeStatus[] = ['open', 'in-progress'];
export const challengeSchema = z.strictObject({
  ...base,
  kind: z.literal('Challenge'),
  title: label,
  description: text().optional(),
  status: z.enum(CHALLENGE_STATUSES).default('open'),
  area: text(200).optional(),
  country: countryCode.optional(),
  keywords: strings.default([]),
  erasedVotes: erasedVotes.optional(),
  /** Status `duplicate`: the surviving challenge its votes moved to. */
  duplicateOf: idSchema.optional(),
  /** Status `addressed`: how the answer is taken up ("piloted by X since 2026-03"). */
  takeUp: text(2_000).optional(),
  /** When the status last changed (ISO date-time); with `date` it gives the time from raised to addressed. */
  statusDate: isoDate.optional(),
});

export const topicSchema = z.strictObject({
  ...base,
  kind: z.literal('Topic'),
  label,
  scheme: z.enum(['call', 'euroscivoc', 'area', 'keyword']),
  code: text(200).optional(),
  path: text(1_000).optional(),
  description: text().optional(),
});

export const projectSchema = z.strictObject({
  ...base,
  kind: z.literal('Project'),
  discoverable,
  acronym: text(200).optional(),
  title: label,
  objective: text(50_000).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  programme: text(100).optional(),
  fundingScheme: text(100).optional(),
  status: text(50).optional(),
  totalCost: z.number().nonnegative().optional(),
  ecContribution: z.number().nonnegative().optional(),
  keywords: strings.default([]),
});

export const resultSchema = z.strictObject({
  ...base,
  kind: z.literal('Result'),
  discoverable,
  title: label,
  description: text().optional(),
  resultType: text(200).optional(),
  trl: z.number().int().min(1).max(9).optional(),
  url: webUrl.optional(),
});

export const eventSchema = z.strictObject({
  ...base,
  kind: z.literal('Event'),
  title: label,
  online: z.boolean().default(false),
  city: text(200).optional(),
  country: countryCode.optional(),
  description: text().optional(),
});

export const pollSchema = z.strictObject({
  ...base,
  kind: z.literal('Poll'),
  question: label,
  options: z.array(text(500).min(1)).min(2, 'needs at least two options').max(50),
  closesAt: isoDate.optional(),
  erasedVotes: erasedVotes.optional(),
  /** Who is asked: people of this country; absent, the whole network. */
  audience: countryCode.optional(),
});

export const documentSchema = z.strictObject({
  ...base,
  kind: z.literal('Document'),
  discoverable,
  title: label,
  summary: text().optional(),
  docType: text(100).optional(),
  url: webUrl.optional(),
});

/**
 * One transition of a challenge's status: when (`date`, ISO date-time), from and to which status,
 * why. Who made it is the CHANGED relationship from their Person (or organisation), a personal
 * record kept apart so that erasing the person leaves the history without them. It takes its
 * challenge's visibility and owner, so it is never more visible than the challenge.
 */
export const statusChangeSchema = z.strictObject({
  ...base,
  kind: z.literal('StatusChange'),
  challenge: idSchema,
  from: z.enum(CHALLENGE_STATUSES),
  to: z.enum(CHALLENGE_STATUSES),
  reason: text(2_000).optional(),
  /** To `addressed`: the results or projects linked (ADDRESSES) and the take-up note. */
  addressedBy: z.array(idSchema).max(50).default([]),
  takeUp: text(2_000).optional(),
  /** To `duplicate`: the surviving challenge, and how many votes moved to it. */
  duplicateOf: idSchema.optional(),
  votesMoved: z.number().int().nonnegative().optional(),
});

/** What comments can be on. */
export const COMMENT_SUBJECTS = ['Challenge', 'Result', 'Project', 'Poll'] as const satisfies readonly NodeKind[];

/**
 * A comment on a challenge, result, project or poll, or a reply to a comment (one level). It takes
 * its subject's visibility and owner, so it is never more visible than what it is on. Its author is
 * the WROTE relationship from their Person (a personal record); people it mentions are MENTIONS.
 * Hidden comments (by an INC or an administrator) stay stored for audit and are shown to
 * administrators only; a deleted one keeps its place in the thread without its text.
 */
export const commentSchema = z.strictObject({
  ...base,
  kind: z.literal('Comment'),
  on: idSchema,
  replyTo: idSchema.optional(),
  text: text(10_000).optional(),
  editedAt: isoDate.optional(),
  deleted: z.boolean().default(false),
  hidden: z.boolean().default(false),
  hiddenReason: text(2_000).optional(),
});

/** The kinds of survey question: one choice, several choices, a 1–5 scale, free text. */
export const SURVEY_QUESTION_TYPES = ['single', 'multiple', 'scale', 'text'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];
/** The scale questions' range. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** One question of a survey; `id` is its stable key in answers (`q1`, `q2`…). */
export const surveyQuestionSchema = z.strictObject({
  id: z.string().regex(/^q[1-9]\d{0,2}$/u, 'is not a question id (q1, q2…)'),
  type: z.enum(SURVEY_QUESTION_TYPES),
  prompt: label,
  /** Single and multiple choice: the options, in order; absent for the scale and free text. */
  options: z.array(text(500).min(1, 'is empty')).min(2, 'needs at least two options').max(50).optional(),
});
export type SurveyQuestion = z.output<typeof surveyQuestionSchema>;

/** One question's answer: choices (single: exactly one), a scale value, or a text. */
export const surveyAnswerItemSchema = z.strictObject({
  q: surveyQuestionSchema.shape.id,
  choices: z.array(text(500)).max(50).optional(),
  scale: z.number().int().min(SCALE_MIN).max(SCALE_MAX).optional(),
  text: text(10_000).optional(),
});
export type SurveyAnswerItem = z.output<typeof surveyAnswerItemSchema>;

/**
 * Nested records in a node whose fields must stay primitive (Neo4j keeps no nested maps): each
 * entry is one JSON object, checked against its schema on every write like any other field.
 */
const jsonEntries = <T extends z.ZodType>(entry: T, max: number) =>
  z
    .array(z.string().max(60_000, 'is longer than 60000 characters'))
    .max(max)
    .superRefine((entries, ctx) => {
      entries.forEach((raw, i) => {
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch {
          ctx.addIssue({ code: 'custom', path: [i], message: 'is not JSON' });
          return;
        }
        const parsed = entry.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          ctx.addIssue({
            code: 'custom',
            path: [i, ...(issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p))],
            message: issue?.message ?? 'is invalid',
          });
        }
      });
    });

/**
 * A survey made in the product: several questions put to the network or one country until a
 * closing date. The questions are JSON entries (`surveyQuestions` reads them). Who made it is the
 * CREATED relationship from their Person (a personal record).
 */
export const surveySchema = z.strictObject({
  ...base,
  kind: z.literal('Survey'),
  title: label,
  description: text().optional(),
  questions: jsonEntries(surveyQuestionSchema, 50).refine((q) => q.length > 0, 'needs at least one question'),
  closesAt: isoDate,
  /** Who is asked: people of this country; absent, the whole network. */
  audience: countryCode.optional(),
});

/**
 * One person's answers to one survey (JSON entries, `surveyAnswerItems` reads them). It takes its
 * survey's visibility and owner. The respondent is the ANSWERED relationship from their Person (a
 * personal record); an erased person's answer stays, re-keyed under a random id and without its
 * free text, so counts stay right and nothing links it back.
 */
export const surveyAnswerSchema = z.strictObject({
  ...base,
  kind: z.literal('SurveyAnswer'),
  survey: idSchema,
  answers: jsonEntries(surveyAnswerItemSchema, 50),
});

/** The questions of a stored survey, in order. */
export function surveyQuestions(survey: { readonly questions: readonly string[] }): SurveyQuestion[] {
  return survey.questions.map((q) => surveyQuestionSchema.parse(JSON.parse(q)));
}

/** The answer items of a stored answer, in question order as given. */
export function surveyAnswerItems(answer: { readonly answers: readonly string[] }): SurveyAnswerItem[] {
  return answer.answers.map((a) => surveyAnswerItemSchema.parse(JSON.parse(a)));
}

/** Where a person may be reached through the network's chat (engine/contact). */
export const CHAT_PLATFORMS = ['slack', 'discord', 'matrix'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];
export const CONTACT_ROUTES = ['chat', 'inc'] as const;
export type ContactRouteKind = (typeof CONTACT_ROUTES)[number];

/**
 * A person's preferred contact route (issue 17): their handle on one chat platform, or "through my
 * INC". A node of its own, not a field of the Person, so that the store's visibility filter keeps
 * it from guests: it is `network` (or `restricted` with the person's owner when the person is),
 * never `public`, whatever the person's own visibility. Its id is `contactRouteId(person)`.
 */
export const contactRouteSchema = z.strictObject({
  ...base,
  kind: z.literal('ContactRoute'),
  person: idSchema,
  route: z.enum(CONTACT_ROUTES),
  platform: z.enum(CHAT_PLATFORMS).optional(),
  handle: text(300).min(1, 'is empty').optional(),
});

/** The one contact route node of a person. */
export const contactRouteId = (personId: string): string => `contact:${personId}`;
/**
 * A message for one person (an alert, an introduction's step, a digest), kept in their inbox and
 * queued for delivery by direct message (engine/notify). It is the recipient's personal record:
 * `restricted` with the recipient's Person id as `owner`, so the store shows it to them (their
 * viewer carries their person id among its owners, engine/notify `personalViewer`) and to
 * administrators only. Nested shapes are flattened (actions as two parallel lists) because every
 * field must be a primitive or a list of strings.
 */
export const noticeSchema = z.strictObject({
  ...base,
  kind: z.literal('Notice'),
  recipient: idSchema,
  /** `alert`, `introduction`, `digest`, or another producer's word. */
  noticeKind: text(50).min(1, 'is empty'),
  title: label,
  reason: text(4_000),
  refKind: text(50).optional(),
  refId: idSchema.optional(),
  actionLabels: z.array(text(200)).max(10).default([]),
  actionValues: z.array(text(500)).max(10).default([]),
  /** With `recipient`, what makes a notice unique: the same key twice is one notice. */
  dedupeKey: text(500).min(1, 'is empty'),
  createdAt: isoDate,
  readAt: isoDate.optional(),
  /** Outbox: `pending` until a direct message carried it (or there was no platform to carry it: `none`). */
  delivery: z.enum(['pending', 'delivered', 'none']).default('pending'),
  /** Platforms it was delivered on. */
  deliveredTo: strings.default([]),
  deliveredAt: isoDate.optional(),
  attempts: z.number().int().nonnegative().default(0),
  /** Not retried before this moment (backoff after a failed send). */
  nextAttemptAt: isoDate.optional(),
  /** The process holding the claim to send it, and until when (a claim of a dead process lapses). */
  claimedBy: text(200).optional(),
  claimUntil: isoDate.optional(),
  lastError: text(1_000).optional(),
});

export const SUBSCRIPTION_SUBJECTS = ['query', 'topic', 'country', 'challenges'] as const;
export type SubscriptionSubject = (typeof SUBSCRIPTION_SUBJECTS)[number];

/**
 * A standing interest of a person or an INC (engine/notify): a query ("drones at prisons"), a topic,
 * a country, or their own challenges. Personal record of the subscriber, stored like a Notice
 * (`restricted`, owned by the subscribing Person, or by the INC for an INC's subscription).
 */
export const subscriptionSchema = z.strictObject({
  ...base,
  kind: z.literal('Subscription'),
  /** The Person or Inc subscribed. */
  subscriber: idSchema,
  /** The person who created it (for an INC's subscription, the INC member acting). */
  createdBy: idSchema,
  subject: z.enum(SUBSCRIPTION_SUBJECTS),
  /** The query text, topic id or country code; empty for `challenges`. */
  value: text(500),
  createdAt: isoDate,
  /**
   * What the subscriber could see when subscribing (clearance, organisations): alerts are computed
   * as that viewer, so nobody is told of something they may not see. Never more than `network`.
   */
  clearance: z.enum(['public', 'network']).default('network'),
  orgs: strings.default([]),
});

export const INTRODUCTION_STATUSES = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

/**
 * A request for an introduction brokered by INCs (issue 17 item 2, engine/introductions): who asks,
 * whom (a person, an organisation, or the owner organisation behind a restricted hit's handle),
 * about which need, routed to the INCs of both countries. `restricted`, owned by the requester's
 * Person id: the store shows it to the requester and administrators; the other parties (target,
 * the INCs' coordinators) are admitted by the engine's query on `target` / `incs`. `steps` is its
 * audit trail, one JSON line per step (when, who, what, note).
 */
export const introductionSchema = z.strictObject({
  ...base,
  kind: z.literal('Introduction'),
  requester: idSchema,
  /** The Person or Organisation asked for. */
  target: idSchema,
  targetKind: z.enum(['Person', 'Organisation']),
  /** Set when the target came from a restricted hit's handle: the requester is never shown who it is until approval. */
  viaHandle: z.boolean().default(false),
  /** The restricted work behind the handle (kept for the INC, never shown to the requester). */
  work: idSchema.optional(),
  /** The need: a challenge id or the question's text. */
  challenge: idSchema.optional(),
  question: text(1_000).optional(),
  message: text(1_000),
  /** The INCs concerned: the target's country's, and the requester's when it differs. */
  incs: z.array(idSchema).max(10).default([]),
  status: z.enum(INTRODUCTION_STATUSES),
  createdAt: isoDate,
  decidedAt: isoDate.optional(),
  decidedBy: idSchema.optional(),
  decisionNote: text(2_000).optional(),
  steps: z.array(text(3_000)).max(100).default([]),
});

export const NODE_SCHEMAS = {
  Person: personSchema,
  Organisation: organisationSchema,
  Country: countrySchema,
  Inc: incSchema,
  Challenge: challengeSchema,
  Topic: topicSchema,
  Project: projectSchema,
  Result: resultSchema,
  Event: eventSchema,
  Poll: pollSchema,
  Document: documentSchema,
  StatusChange: statusChangeSchema,
  Comment: commentSchema,
  Survey: surveySchema,
  SurveyAnswer: surveyAnswerSchema,
  ContactRoute: contactRouteSchema,
  Notice: noticeSchema,
  Subscription: subscriptionSchema,
  Introduction: introductionSchema,
} as const satisfies Record<NodeKind, z.ZodType>;

export const nodeSchema = z.discriminatedUnion('kind', [
  personSchema,
  organisationSchema,
  countrySchema,
  incSchema,
  challengeSchema,
  topicSchema,
  projectSchema,
  resultSchema,
  eventSchema,
  pollSchema,
  documentSchema,
  statusChangeSchema,
  commentSchema,
  surveySchema,
  surveyAnswerSchema,
  contactRouteSchema,
  noticeSchema,
  subscriptionSchema,
  introductionSchema,
]);

/** A node as stored and returned (defaults applied). */
export type GraphNode = z.output<typeof nodeSchema>;
/** A node as written by a caller (defaulted fields may be left out). */
export type NodeInput = z.input<typeof nodeSchema>;
export type NodeOf<K extends NodeKind> = Extract<GraphNode, { kind: K }>;

/* ------------------------------------------------------------------ relationships */

export const REL_TYPES = [
  'MEMBER_OF',
  'LOCATED_IN',
  'EXPERT_IN',
  'PARTICIPATED_IN',
  'PRODUCED',
  'ADDRESSES',
  'RAISED',
  'VOTED',
  'ATTENDED',
  'COORDINATES',
  'ABOUT',
  'CITES',
  'BUILDS_ON',
  'ORGANISED',
  'HELD_AT',
  'CHANGED',
  'CHANGE_OF',
  'CREATED',
  'WROTE',
  'MENTIONS',
  'REGISTERED',
  'ANSWERED',
  'PROPOSED',
] as const;
export type RelType = (typeof REL_TYPES)[number];

const ANY_WORK = ['Project', 'Result', 'Document'] as const satisfies readonly NodeKind[];

/** Which kinds may stand at each end of a relationship type. */
export const REL_ENDPOINTS: Record<RelType, { from: readonly NodeKind[]; to: readonly NodeKind[] }> = {
  MEMBER_OF: { from: ['Person', 'Organisation'], to: ['Organisation', 'Inc'] },
  LOCATED_IN: { from: ['Person', 'Organisation', 'Inc', 'Event'], to: ['Country'] },
  EXPERT_IN: { from: ['Person', 'Organisation'], to: ['Topic'] },
  PARTICIPATED_IN: { from: ['Organisation', 'Person'], to: ['Project'] },
  PRODUCED: { from: ['Project', 'Organisation', 'Person'], to: ['Result', 'Document'] },
  ADDRESSES: { from: [...ANY_WORK], to: ['Challenge', 'Topic'] },
  RAISED: { from: ['Person', 'Organisation', 'Inc'], to: ['Challenge'] },
  VOTED: { from: ['Person'], to: ['Challenge', 'Poll'] },
  ATTENDED: { from: ['Person', 'Organisation'], to: ['Event'] },
  COORDINATES: { from: ['Inc', 'Person'], to: ['Country', 'Inc'] },
  ABOUT: { from: ['Challenge', 'Project', 'Result', 'Event', 'Poll', 'Document'], to: ['Topic'] },
  CITES: { from: [...ANY_WORK], to: [...ANY_WORK] },
  BUILDS_ON: { from: [...ANY_WORK, 'Challenge'], to: [...ANY_WORK, 'Challenge'] },
  ORGANISED: { from: ['Organisation', 'Inc', 'Person'], to: ['Event'] },
  HELD_AT: { from: ['Poll'], to: ['Event'] },
  /** Who made a status change (personal record: erasure of the person removes it). */
  CHANGED: { from: ['Person', 'Organisation', 'Inc'], to: ['StatusChange'] },
  CHANGE_OF: { from: ['StatusChange'], to: ['Challenge'] },
  /** Who created a poll or survey in the product (personal record: erasure of the person removes it). */
  CREATED: { from: ['Person', 'Organisation', 'Inc'], to: ['Poll', 'Survey'] },
  /** The author of a comment (personal record). */
  WROTE: { from: ['Person'], to: ['Comment'] },
  /** A member a comment mentions (personal record). */
  MENTIONS: { from: ['Comment'], to: ['Person'] },
  /** A registration for an event (personal record). */
  REGISTERED: { from: ['Person'], to: ['Event'] },
  /** Who gave a survey answer (personal record: erasure re-keys the answer without it). */
  ANSWERED: { from: ['Person'], to: ['SurveyAnswer'] },
  /** A free-text survey answer that became (or was linked to) a challenge. */
  PROPOSED: { from: ['SurveyAnswer'], to: ['Challenge'] },
};

export const PARTICIPATION_ROLES = [
  'coordinator',
  'participant',
  'associatedPartner',
  'thirdParty',
  'partner',
] as const;

export const relationshipSchema = z
  .strictObject({
    type: z.enum(REL_TYPES),
    from: idSchema,
    to: idSchema,
    /** PARTICIPATED_IN: the role in the project; MEMBER_OF: the position. */
    role: text(100).optional(),
    /** VOTED on a challenge: +1 / -1 or a score. */
    value: z.number().finite().optional(),
    /** VOTED on a poll: the option chosen. */
    option: text(500).optional(),
    weight: z.number().finite().optional(),
    date: isoDate.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.from === r.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is the same node as from' });
    if (
      r.type === 'PARTICIPATED_IN' &&
      r.role !== undefined &&
      !(PARTICIPATION_ROLES as readonly string[]).includes(r.role)
    ) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: `must be one of ${PARTICIPATION_ROLES.join(', ')}` });
    }
  });

export type GraphRel = z.output<typeof relationshipSchema>;
export type RelInput = z.input<typeof relationshipSchema>;

/** Relationship identity: one relationship of a type between two nodes. */
export const relKey = (r: Pick<GraphRel, 'type' | 'from' | 'to'>): string => `${r.type}\u0000${r.from}\u0000${r.to}`;

/* ------------------------------------------------------------------ field metadata */

export type FieldShape = 'string' | 'number' | 'boolean' | 'string[]';

function shapeOf(schema: z.ZodType): FieldShape {
  let s: z.ZodType = schema;
  // Unwrap optional/default wrappers to the inner type.
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else break;
  }
  if (s instanceof z.ZodArray) return 'string[]';
  if (s instanceof z.ZodNumber) return 'number';
  if (s instanceof z.ZodBoolean) return 'boolean';
  return 'string';
}

/** For each kind, its fields and their shapes (core fields included). Used to validate queries. */
export const NODE_FIELDS: Record<NodeKind, Readonly<Record<string, FieldShape>>> = Object.fromEntries(
  NODE_KINDS.map((k) => [
    k,
    Object.fromEntries(Object.entries(NODE_SCHEMAS[k].shape).map(([f, s]) => [f, shapeOf(s as z.ZodType)])),
  ]),
) as Record<NodeKind, Record<string, FieldShape>>;

/** Fields kept as columns/indexed properties by every backend; the rest are the kind's own props. */
export const CORE_FIELDS = ['id', 'kind', 'visibility', 'owner', 'date'] as const;

/** Which of a kind's fields carry free text worth matching (the engine's lexical and dense indexes read these). */
export const TEXT_FIELDS: Record<NodeKind, readonly string[]> = {
  Person: ['name', 'expertise', 'bio'],
  Organisation: ['name', 'shortName'],
  Country: ['name'],
  Inc: ['name', 'mandate'],
  Challenge: ['title', 'description', 'keywords'],
  Topic: ['label', 'description', 'path'],
  Project: ['acronym', 'title', 'objective', 'keywords'],
  Result: ['title', 'description', 'resultType'],
  Event: ['title', 'description'],
  Poll: ['question', 'options'],
  Document: ['title', 'summary'],
  StatusChange: ['reason', 'takeUp'],
  Comment: ['text'],
  Survey: ['title', 'description'],
  SurveyAnswer: [],
  ContactRoute: [],
  // Personal messages and standing interests are nobody's search results.
  Notice: [],
  Subscription: [],
  Introduction: [],
};

export const isNodeKind = (s: string): s is NodeKind => (NODE_KINDS as readonly string[]).includes(s);
export const isRelType = (s: string): s is RelType => (REL_TYPES as readonly string[]).includes(s);
