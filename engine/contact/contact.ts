/**
 * Contact routes (issue 17, item 1): how a person prefers to be reached, set by the person: their
 * handle on one of the chat platforms, or "through my INC". Stored as a ContactRoute node
 * (graph/model.ts) whose visibility is never public, so the store's own filter keeps it from
 * guests; a read runs as the asking viewer like every other read.
 */
import { z } from 'zod';
import {
  CHAT_PLATFORMS,
  type ChatPlatform,
  contactRouteId,
  type GraphNode,
  type GraphStore,
  SYSTEM,
  type Viewer,
} from '../../graph/index.js';
import type { ContactView } from './contact-types.js';
import { ContactError } from './errors.js';

/**
 * What a handle looks like on each platform, so a typo is refused when it is set rather than
 * found when someone tries to write: Slack member ids (U…/W…), Discord snowflakes, Matrix user ids.
 */
export const HANDLE_PATTERNS: Readonly<Record<ChatPlatform, { pattern: RegExp; example: string }>> = {
  slack: { pattern: /^[UW][A-Z0-9]{2,20}$/u, example: 'U024BE7LH' },
  discord: { pattern: /^\d{15,21}$/u, example: '80351110224678912' },
  matrix: { pattern: /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(?::\d{1,5})?$/u, example: '@ana:police.example' },
};

export const contactInputSchema = z.discriminatedUnion('route', [
  z.strictObject({
    route: z.literal('chat'),
    platform: z.enum(CHAT_PLATFORMS, { error: () => `must be one of ${CHAT_PLATFORMS.join(', ')}` }),
    handle: z.string().trim().min(1, 'is empty').max(300, 'is longer than 300 characters'),
  }),
  z.strictObject({ route: z.literal('inc') }),
]);
export type ContactInput = z.input<typeof contactInputSchema>;

export type { ContactView } from './contact-types.js';

export interface ContactActor {
  readonly viewer: Viewer;
  /** The caller's Person id; a route is always the caller's own. */
  readonly person?: string | undefined;
}

function parseInput(input: unknown): z.output<typeof contactInputSchema> {
  const parsed = contactInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'route';
    const message =
      issue?.code === 'invalid_union'
        ? 'route must be "chat" (with platform and handle) or "inc"'
        : issue?.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
          : `${field} ${issue?.message ?? 'is invalid'}`;
    throw new ContactError('ERR_INVALID_CONTACT', message, field);
  }
  const value = parsed.data;
  if (value.route === 'chat') {
    const shape = HANDLE_PATTERNS[value.platform];
    if (!shape.pattern.test(value.handle))
      throw new ContactError(
        'ERR_INVALID_CONTACT',
        `handle "${value.handle}" is not a ${value.platform} user id (e.g. ${shape.example})`,
        'handle',
      );
  }
  return value;
}

/**
 * Sets the caller's own route, replacing any earlier one (one atomic upsert). The route takes the
 * person's restriction when the person is restricted, else `network`: never public.
 */
export async function setContactRoute(store: GraphStore, input: unknown, actor: ContactActor): Promise<ContactView> {
  const value = parseInput(input);
  if (actor.person === undefined)
    throw new ContactError('ERR_CONTACT_NO_PERSON', 'your account names no person in the network, so it has no route');
  const person = await store.getNode(actor.person, SYSTEM);
  if (person?.kind !== 'Person')
    throw new ContactError('ERR_CONTACT_NO_PERSON', `your account names ${actor.person}, which is not a person here`);
  const node = {
    id: contactRouteId(person.id),
    kind: 'ContactRoute' as const,
    person: person.id,
    ...(person.visibility === 'restricted' && person.owner !== undefined
      ? { visibility: 'restricted' as const, owner: person.owner }
      : { visibility: 'network' as const }),
    ...value,
  };
  await store.upsert({ nodes: [node] });
  return viewOf(store, node as GraphNode, actor.viewer);
}

/**
 * A person's route as this viewer may see it; ERR_CONTACT_NOT_FOUND when the person is missing or
 * hidden, has set none, or the viewer may not see it (guests: always).
 */
export async function contactRoute(store: GraphStore, personId: string, viewer: Viewer): Promise<ContactView> {
  const notFound = () => new ContactError('ERR_CONTACT_NOT_FOUND', `no contact route for ${personId} that you may see`);
  if (viewer.clearance === 'public') throw notFound();
  const [person, route] = await store.getNodes([personId, contactRouteId(personId)], viewer);
  if (person?.kind !== 'Person' || route?.kind !== 'ContactRoute') throw notFound();
  return viewOf(store, route, viewer, person.country);
}

async function viewOf(store: GraphStore, node: GraphNode, viewer: Viewer, country?: string): Promise<ContactView> {
  if (node.kind !== 'ContactRoute') throw new Error(`not a contact route: ${node.id}`);
  if (node.route === 'chat')
    return {
      person: node.person,
      route: 'chat',
      ...(node.platform === undefined ? {} : { platform: node.platform }),
      ...(node.handle === undefined ? {} : { handle: node.handle }),
    };
  const where =
    country ?? (await store.getNode(node.person, viewer).then((p) => (p?.kind === 'Person' ? p.country : undefined)));
  const inc =
    where === undefined
      ? undefined
      : (await store.list({ kind: 'Inc', where: { country: where }, limit: 1 }, viewer)).items[0];
  return {
    person: node.person,
    route: 'inc',
    ...(inc?.kind === 'Inc' ? { inc: { id: inc.id, name: inc.name, country: inc.country } } : {}),
  };
}
