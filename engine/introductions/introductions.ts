/**
 * Introductions brokered by INCs (issue 17 item 2): a member asks to be introduced to a person, an
 * organisation, or the owner behind a restricted hit's handle, about a need (a challenge or a
 * question), with a short message. The INCs concerned (the target's country's, and the requester's
 * when it differs) are asked; a coordinator of one of them approves or declines with a note. Each
 * step is a notice (engine/notify) with its own dedupe key, and a line in the node's `steps`, its
 * audit trail. The target's contact route reaches the requester only with the approval.
 *
 * Who sees one: the node is `restricted` and owned by the requester's Person id, so the store's
 * filter shows it to the requester and administrators; the target and the INCs' coordinators are
 * admitted by the query itself (`target` = their person, or `incs` among the INCs they coordinate),
 * never by filtering a wider read. Anyone else gets ERR_INTRODUCTION_NOT_FOUND, as for a missing id.
 *
 * Per-INC setting, on the Inc node (`introductions`): `approve` (default) asks for every request;
 * `auto-domestic` approves at once a request whose requester and target are both of its country.
 * Across borders a coordinator's approval is always needed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type GraphNode,
  type GraphStore,
  idSchema,
  type NodeInput,
  type NodeOf,
  SYSTEM,
  type Viewer,
} from '../../graph/index.js';
import { type ContactView, contactRoute } from '../contact/index.js';
import type { Discovery } from '../discover/index.js';
import { HANDLE_PATTERN } from '../discover/index.js';
import { type NoticeInput, notify, personalViewer } from '../notify/index.js';
import { IntroductionError } from './errors.js';
import type { Introduction, IntroductionView } from './introduction-types.js';

export type { Introduction } from './introduction-types.js';

export interface IntroductionDeps {
  readonly store: GraphStore;
  /** Resolves restricted hits' handles (`rh_…`); without it a handle is an unknown target. */
  readonly discovery?: Discovery;
  readonly now?: () => Date;
}

/** The caller: their person and the viewer their requests run as. */
export interface IntroductionActor {
  readonly person: string | undefined;
  readonly viewer: Viewer;
}

export const introductionInputSchema = z
  .strictObject({
    /** A person or organisation id, or a restricted hit's handle (`rh_…`). */
    target: z.string().trim().min(1, 'is empty').max(300, 'is longer than 300 characters'),
    /** The need: a challenge id … */
    challenge: idSchema.optional(),
    /** … or the question's text. */
    question: z.string().trim().min(1, 'is empty').max(1_000, 'is longer than 1000 characters').optional(),
    message: z.string().trim().min(1, 'is empty').max(1_000, 'is longer than 1000 characters'),
  })
  .refine((v) => (v.challenge === undefined) !== (v.question === undefined), {
    message: 'give the need as either challenge (an id) or question (its text), one of the two',
    path: ['challenge'],
  });
export type IntroductionInput = z.input<typeof introductionInputSchema>;

export const decisionInputSchema = z.strictObject({
  decision: z.enum(['approve', 'decline', 'withdraw'], { error: () => 'must be approve, decline or withdraw' }),
  note: z.string().trim().max(2_000, 'is longer than 2000 characters').optional(),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;

export type { IntroductionView } from './introduction-types.js';

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  const message =
    issue?.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
      : `${field} ${issue?.message ?? 'is invalid'}`;
  throw new IntroductionError('ERR_INVALID_INTRODUCTION', message, field);
}

const personOf = (actor: IntroductionActor): string => {
  if (actor.person === undefined)
    throw new IntroductionError('ERR_NO_PERSON', 'introductions are between people; this caller names none');
  return actor.person;
};

const step = (at: string, by: string, what: string, note?: string) =>
  JSON.stringify({ at, by, step: what, ...(note === undefined || note === '' ? {} : { note }) });

async function all(store: GraphStore, where: Record<string, unknown>, viewer: Viewer): Promise<Introduction[]> {
  const out: Introduction[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { kind: 'Introduction', where: where as never, limit: 10_000, ...(cursor ? { cursor } : {}) },
      viewer,
    );
    for (const n of page.items) if (n.kind === 'Introduction') out.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

/**
 * The pending introductions an INC is asked to decide (it is among their `incs`), oldest first.
 * Read by the query's own condition, as for a coordinator: only the INC's brokers may be shown them.
 */
export async function awaitingDecision(store: GraphStore, incId: string): Promise<Introduction[]> {
  const pending = await all(store, { status: 'pending', incs: { in: [incId] } }, SYSTEM);
  return pending.sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
}

/** The INCs a person coordinates (COORDINATES Person → Inc). */
export async function coordinatedIncs(store: GraphStore, person: string): Promise<string[]> {
  const rels = await store.relationships({ type: 'COORDINATES', from: [person], limit: 1_000 }, SYSTEM);
  return rels.items.map((r) => r.to).filter((id) => id.length > 0);
}

/** The coordinators of INCs (their Person ids), sorted, each once. */
async function coordinators(store: GraphStore, incs: readonly string[]): Promise<string[]> {
  if (incs.length === 0) return [];
  const rels = await store.relationships({ type: 'COORDINATES', to: [...incs], limit: 1_000 }, SYSTEM);
  const ids = [...new Set(rels.items.map((r) => r.from))];
  const people = await store.getNodes(ids, SYSTEM);
  return people
    .filter((p) => p.kind === 'Person')
    .map((p) => p.id)
    .sort();
}

async function incOf(store: GraphStore, country: string | undefined): Promise<NodeOf<'Inc'> | undefined> {
  if (country === undefined) return undefined;
  const page = await store.list({ kind: 'Inc', where: { country }, limit: 1 }, SYSTEM);
  const inc = page.items[0];
  return inc?.kind === 'Inc' ? inc : undefined;
}

/** The countries whose INCs are asked: the target's, and the requester's when it differs. */
export function brokerCountries(requester: string | undefined, target: string | undefined): string[] {
  return [...new Set([target, requester].filter((c): c is string => c !== undefined))];
}

/**
 * Whether a request from `requester` (a Person id) to someone of a country would find an INC to
 * broker it, by the rule requestIntroduction applies (brokerCountries): for offering "introduce
 * me" only where it can be asked. INCs are read as the system, as the request reads them.
 */
export async function brokerFor(
  store: GraphStore,
  requester: string,
): Promise<(targetCountry: string | undefined) => boolean> {
  const me = await store.getNode(requester, SYSTEM);
  const mine = me?.kind === 'Person' ? me.country : undefined;
  const countries = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await store.list({ kind: 'Inc', limit: 1_000, ...(cursor ? { cursor } : {}) }, SYSTEM);
    for (const n of page.items) if (n.kind === 'Inc') countries.add(n.country);
    cursor = page.next;
  } while (cursor !== undefined);
  return (target) => brokerCountries(mine, target).some((c) => countries.has(c));
}

interface Target {
  readonly node: GraphNode & { kind: 'Person' | 'Organisation' };
  readonly country: string | undefined;
  readonly work?: string;
}

async function resolveTarget(deps: IntroductionDeps, ref: string, viewer: Viewer): Promise<Target> {
  const missing = () =>
    new IntroductionError(
      'ERR_INTRODUCTION_TARGET',
      `no person, organisation or hit "${ref}" that you may see`,
      'target',
    );
  if (HANDLE_PATTERN.test(ref)) {
    if (deps.discovery === undefined) throw missing();
    const work = await deps.discovery.resolve(ref, viewer).catch(() => {
      throw missing();
    });
    const owner = work.owner === undefined ? undefined : await deps.store.getNode(work.owner, SYSTEM);
    if (owner?.kind !== 'Organisation') throw missing();
    return { node: owner, country: owner.country, work: work.id };
  }
  // Read as the requester: a hidden person or organisation is answered exactly as a missing one.
  const node = await deps.store.getNode(ref, viewer);
  if (node?.kind === 'Person' || node?.kind === 'Organisation') return { node, country: node.country };
  throw missing();
}

/**
 * Files a request. Bad input: ERR_INVALID_INTRODUCTION (naming the field), ERR_INTRODUCTION_SELF,
 * ERR_INTRODUCTION_TARGET (missing or hidden, told apart from neither), ERR_INTRODUCTION_NEED,
 * ERR_INTRODUCTION_DUPLICATE (a pending one for the same target), ERR_INTRODUCTION_NO_INC.
 * Notices: each coordinator of each INC concerned, with approve/decline buttons; on auto-approval,
 * both parties instead.
 */
export async function requestIntroduction(
  deps: IntroductionDeps,
  actor: IntroductionActor,
  input: unknown,
): Promise<IntroductionView> {
  const requester = personOf(actor);
  const value = parse(introductionInputSchema, input);
  const { store } = deps;
  const me = await store.getNode(requester, SYSTEM);
  if (me?.kind !== 'Person')
    throw new IntroductionError('ERR_NO_PERSON', `your account names ${requester}, which is not a person here`);
  const target = await resolveTarget(deps, value.target, actor.viewer);
  if (target.node.id === requester || actor.viewer.orgs.includes(target.node.id))
    throw new IntroductionError(
      'ERR_INTRODUCTION_SELF',
      target.node.id === requester
        ? 'target: you cannot ask to be introduced to yourself'
        : 'target: that is your own organisation',
      'target',
    );
  if (value.challenge !== undefined) {
    const need = await store.getNode(value.challenge, actor.viewer);
    if (need?.kind !== 'Challenge')
      throw new IntroductionError(
        'ERR_INTRODUCTION_NEED',
        `challenge: no challenge ${value.challenge} that you may see`,
        'challenge',
      );
  }
  const pending = await all(store, { requester, target: target.node.id, status: 'pending' }, SYSTEM);
  if (pending.length > 0)
    throw new IntroductionError(
      'ERR_INTRODUCTION_DUPLICATE',
      `target: you already have a pending request for this introduction (${pending[0]?.id})`,
      'target',
    );
  const targetInc = await incOf(store, target.country);
  const asked = await Promise.all(brokerCountries(me.country, target.country).map((c) => incOf(store, c)));
  const incs = [...new Set(asked.flatMap((inc) => (inc === undefined ? [] : [inc.id])))];
  if (incs.length === 0)
    throw new IntroductionError(
      'ERR_INTRODUCTION_NO_INC',
      `target: no INC of ${[target.country, me.country].filter(Boolean).join(' or ') || 'your countries'} to broker this introduction`,
      'target',
    );
  const domestic = me.country !== undefined && me.country === target.country;
  const auto = domestic && targetInc?.introductions === 'auto-domestic';
  const now = (deps.now?.() ?? new Date()).toISOString();
  const id = `introduction:${randomUUID()}`;
  const node: NodeInput = {
    kind: 'Introduction',
    id,
    visibility: 'restricted',
    owner: requester,
    date: now,
    requester,
    target: target.node.id,
    targetKind: target.node.kind,
    viaHandle: target.work !== undefined,
    ...(target.work === undefined ? {} : { work: target.work }),
    ...(value.challenge === undefined ? {} : { challenge: value.challenge }),
    ...(value.question === undefined ? {} : { question: value.question }),
    message: value.message,
    incs,
    status: auto ? 'approved' : 'pending',
    createdAt: now,
    ...(auto ? { decidedAt: now, decidedBy: targetInc?.id } : {}),
    steps: [
      step(now, requester, 'requested', value.message),
      ...(auto ? [step(now, targetInc?.id ?? '', 'approved', 'auto-approved within the country')] : []),
    ],
  };
  await store.upsert({ nodes: [node] });
  const stored = (await store.getNode(id, SYSTEM)) as Introduction;
  if (auto) await notifyDecision(deps, stored, now);
  else await notifyIncs(deps, stored, me.name, now);
  return view(deps, stored, requester, 'requester');
}

async function notifyIncs(deps: IntroductionDeps, intro: Introduction, requesterName: string, now: string) {
  const about = intro.challenge !== undefined ? `challenge ${intro.challenge}` : `"${intro.question ?? ''}"`;
  const whom = intro.viaHandle ? `the owner of a restricted ${intro.work ?? 'work'}` : intro.target;
  const notices: NoticeInput[] = (await coordinators(deps.store, intro.incs)).map((c) => ({
    recipientId: c,
    kind: 'introduction',
    title: `Introduction requested: ${requesterName} → ${whom}`,
    reason: `about ${about}: ${intro.message}`,
    ref: { kind: 'Introduction', id: intro.id },
    actions: [
      { label: 'Approve', value: `approve ${intro.id}` },
      { label: 'Decline', value: `decline ${intro.id}` },
    ],
    dedupeKey: `${intro.id}:requested`,
  }));
  await notify(deps.store, notices, { now: () => new Date(now) });
}

/** The people a decision is told to: the requester, and on approval the target person. */
async function notifyDecision(deps: IntroductionDeps, intro: Introduction, now: string) {
  const notices: NoticeInput[] = [];
  const note = intro.decisionNote === undefined ? '' : ` Note: ${intro.decisionNote}`;
  if (intro.status === 'approved') {
    const route = await targetRoute(deps.store, intro);
    notices.push({
      recipientId: intro.requester,
      kind: 'introduction',
      title: `Introduction approved: ${intro.target}`,
      reason: `${routeText(route, intro)}${note}`,
      ref: { kind: 'Introduction', id: intro.id },
      dedupeKey: `${intro.id}:approved`,
    });
    if (intro.targetKind === 'Person') {
      const requester = await deps.store.getNode(intro.requester, SYSTEM);
      notices.push({
        recipientId: intro.target,
        kind: 'introduction',
        title: `Introduction: ${requester?.kind === 'Person' ? requester.name : intro.requester} would like to talk to you`,
        reason: `${intro.message}${note}`,
        ref: { kind: 'Introduction', id: intro.id },
        dedupeKey: `${intro.id}:approved`,
      });
    }
  } else if (intro.status === 'declined') {
    notices.push({
      recipientId: intro.requester,
      kind: 'introduction',
      title: 'Introduction declined',
      reason: `Your request (${intro.message}) was declined by the INC.${note}`,
      ref: { kind: 'Introduction', id: intro.id },
      dedupeKey: `${intro.id}:declined`,
    });
  }
  if (notices.length > 0) await notify(deps.store, notices, { now: () => new Date(now) });
}

const routeText = (route: ContactView | undefined, intro: Introduction): string => {
  if (route?.route === 'chat') return `Reach them on ${route.platform}: ${route.handle}.`;
  if (route?.route === 'inc' && route.inc !== undefined) return `Reach them through ${route.inc.name}.`;
  return `The INC (${intro.incs.join(', ')}) will put you in touch.`;
};

/** The target's route, read as a network member: it is revealed to the requester with the approval only. */
async function targetRoute(store: GraphStore, intro: Introduction): Promise<ContactView | undefined> {
  if (intro.targetKind !== 'Person') return undefined;
  try {
    return await contactRoute(store, intro.target, { id: 'introduction', clearance: 'network', orgs: [] });
  } catch {
    return undefined;
  }
}

/** The caller's part in an introduction, or undefined when they are none of its parties. */
async function roleOf(
  store: GraphStore,
  intro: Introduction,
  actor: IntroductionActor,
): Promise<IntroductionView['role'] | undefined> {
  if (actor.person === intro.requester) return 'requester';
  if (actor.person !== undefined && intro.targetKind === 'Person' && actor.person === intro.target) return 'target';
  if (actor.person !== undefined) {
    const mine = await coordinatedIncs(store, actor.person);
    if (intro.incs.some((i) => mine.includes(i))) return 'inc';
  }
  if (actor.viewer.clearance === 'all') return 'admin';
  return undefined;
}

/** One introduction as the caller may see it; ERR_INTRODUCTION_NOT_FOUND when they are not a party. */
async function find(deps: IntroductionDeps, actor: IntroductionActor, id: string) {
  const notFound = () => new IntroductionError('ERR_INTRODUCTION_NOT_FOUND', `no introduction ${id} of yours`, 'id');
  const viewer = actor.person === undefined ? actor.viewer : personalViewer(actor.viewer, actor.person);
  // The requester and administrators through the store's filter; target and INCs through the query's own condition.
  let node = await deps.store.getNode(id, viewer);
  if (node === undefined && actor.person !== undefined) {
    const person = actor.person;
    const incs = await coordinatedIncs(deps.store, person);
    const asTarget = await all(deps.store, { id, target: person, targetKind: 'Person' }, SYSTEM);
    const asInc = incs.length === 0 ? [] : await all(deps.store, { id, incs: { in: incs } }, SYSTEM);
    node = asTarget[0] ?? asInc[0];
  }
  if (node?.kind !== 'Introduction') throw notFound();
  const role = await roleOf(deps.store, node, actor);
  if (role === undefined) throw notFound();
  return { intro: node, role };
}

/**
 * Approves, declines (a coordinator of an INC concerned) or withdraws (the requester) a pending
 * introduction, with a note. ERR_INTRODUCTION_FORBIDDEN for a party who may not, ERR_INTRODUCTION_DECIDED
 * when it is no longer pending (a conditional write: two deciders at once, one wins).
 */
export async function decideIntroduction(
  deps: IntroductionDeps,
  actor: IntroductionActor,
  id: string,
  input: unknown,
): Promise<IntroductionView> {
  const person = personOf(actor);
  const value = parse(decisionInputSchema, input);
  const { intro, role } = await find(deps, actor, id);
  if (value.decision === 'withdraw' ? role !== 'requester' : role !== 'inc')
    throw new IntroductionError(
      'ERR_INTRODUCTION_FORBIDDEN',
      value.decision === 'withdraw'
        ? 'only the requester may withdraw a request'
        : `only a coordinator of ${intro.incs.join(' or ')} may ${value.decision} this introduction`,
    );
  if (intro.status !== 'pending')
    throw new IntroductionError('ERR_INTRODUCTION_DECIDED', `introduction ${id} is already ${intro.status}`);
  const now = (deps.now?.() ?? new Date()).toISOString();
  const status = ({ approve: 'approved', decline: 'declined', withdraw: 'withdrawn' } as const)[value.decision];
  const next: NodeInput = {
    ...intro,
    status,
    decidedAt: now,
    decidedBy: person,
    ...(value.note ? { decisionNote: value.note } : {}),
    steps: [...intro.steps, step(now, person, status, value.note)],
  };
  try {
    await deps.store.upsert({ nodes: [next], expect: [{ id, field: 'status', in: ['pending'] }] });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_CONFLICT')
      throw new IntroductionError('ERR_INTRODUCTION_DECIDED', `introduction ${id} was decided meanwhile`);
    throw e;
  }
  const stored = (await deps.store.getNode(id, SYSTEM)) as Introduction;
  await notifyDecision(deps, stored, now);
  return view(deps, stored, person, role);
}

/** Introductions the caller is a party to (administrators: all), newest first. */
export async function listIntroductions(
  deps: IntroductionDeps,
  actor: IntroductionActor,
  options: { status?: Introduction['status'] } = {},
): Promise<IntroductionView[]> {
  const status = options.status === undefined ? {} : { status: options.status };
  // An administrator's token may name no person: the store's filter (clearance `all`) shows them every one.
  if (actor.person === undefined && actor.viewer.clearance === 'all') {
    const every = await all(deps.store, status, actor.viewer);
    return newestFirst(await Promise.all(every.map((i) => view(deps, i, '', 'admin'))));
  }
  const person = personOf(actor);
  const byId = new Map<string, Introduction>();
  const add = (items: Introduction[]) => {
    for (const i of items) byId.set(i.id, i);
  };
  add(await all(deps.store, status, personalViewer(actor.viewer, person)));
  add(await all(deps.store, { ...status, target: person, targetKind: 'Person' }, SYSTEM));
  const incs = await coordinatedIncs(deps.store, person);
  if (incs.length > 0) add(await all(deps.store, { ...status, incs: { in: incs } }, SYSTEM));
  const out: IntroductionView[] = [];
  for (const intro of byId.values()) {
    const role = await roleOf(deps.store, intro, actor);
    if (role !== undefined) out.push(await view(deps, intro, person, role));
  }
  return newestFirst(out);
}

const newestFirst = (views: IntroductionView[]): IntroductionView[] =>
  views.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt > b.createdAt ? -1 : 1));

/** One introduction the caller is a party to. */
export async function getIntroduction(
  deps: IntroductionDeps,
  actor: IntroductionActor,
  id: string,
): Promise<IntroductionView> {
  const { intro, role } = await find(deps, actor, id);
  return view(deps, intro, actor.person ?? '', role);
}

async function view(
  deps: IntroductionDeps,
  intro: Introduction,
  _person: string,
  role: IntroductionView['role'],
): Promise<IntroductionView> {
  // A requester who came through a handle learns who holds the work only when an INC approves.
  const hideTarget = role === 'requester' && intro.viaHandle && intro.status !== 'approved';
  const contact =
    role === 'requester' && intro.status === 'approved' ? await targetRoute(deps.store, intro) : undefined;
  return {
    id: intro.id,
    status: intro.status,
    requester: intro.requester,
    ...(hideTarget ? {} : { target: intro.target, targetKind: intro.targetKind }),
    viaHandle: intro.viaHandle,
    ...(intro.challenge === undefined ? {} : { challenge: intro.challenge }),
    ...(intro.question === undefined ? {} : { question: intro.question }),
    message: intro.message,
    incs: intro.incs,
    createdAt: intro.createdAt,
    ...(intro.decidedAt === undefined ? {} : { decidedAt: intro.decidedAt }),
    ...(intro.decidedBy === undefined ? {} : { decidedBy: intro.decidedBy }),
    ...(intro.decisionNote === undefined ? {} : { note: intro.decisionNote }),
    role,
    ...(contact === undefined ? {} : { contact }),
    steps: intro.steps.map((s) => JSON.parse(s) as IntroductionView['steps'][number]),
  };
}
