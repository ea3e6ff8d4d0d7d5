/**
 * The engine's own kinds of personal record (engine/privacy/records.ts): votes, the Person node
 * with every relationship touching it, the person's vectors and the persisted read models. The
 * surfaces add theirs (API tokens naming the person, chat identities, the bots' audit log, the
 * API's request log: app/privacy).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  contactRouteId,
  erasedVoteValue,
  type GraphNode,
  type GraphStore,
  type NodeInput,
  SYSTEM,
  surveyAnswerItems,
} from '../../graph/index.js';
import { FileLock } from '../feed/index.js';
import { VectorStore, vectorsPath } from '../vector/index.js';
import { alsoRedact, type PersonalRecordKind } from './records.js';

interface PlannedVote {
  readonly to: string;
  readonly entry: string;
}

/**
 * Votes are personal records (who voted for what); the tally is not. Each VOTED link from the
 * person becomes one anonymous entry in the target's `erasedVotes` (graph/model.ts), then the
 * link goes. The plan (targets and entries with their random tokens) is saved in the journal
 * first, so a run cut short and run again adds no entry twice.
 */
export const votesKind: PersonalRecordKind = {
  name: 'votes',
  phase: 'links',
  async export(ctx) {
    const page = await ctx.store.relationships({ type: 'VOTED', from: [ctx.person.id], limit: 50_000 }, SYSTEM);
    return page.items;
  },
  async erase(ctx) {
    let plan = ctx.state['votes'] as PlannedVote[] | undefined;
    if (plan === undefined) {
      const votes = await ctx.store.relationships({ type: 'VOTED', from: [ctx.person.id], limit: 50_000 }, SYSTEM);
      plan = votes.items.flatMap((r) => {
        const vote = r.value !== undefined ? String(r.value) : r.option;
        return vote === undefined ? [] : [{ to: r.to, entry: `${vote}#${randomBytes(6).toString('hex')}` }];
      });
      ctx.state['votes'] = plan;
      await ctx.save();
    }
    const targets = await ctx.store.getNodes([...new Set(plan.map((p) => p.to))], SYSTEM);
    const nodes: NodeInput[] = [];
    for (const node of targets) {
      if (node.kind !== 'Challenge' && node.kind !== 'Poll') continue;
      const have = new Set(node.erasedVotes ?? []);
      const add = plan.filter((p) => p.to === node.id && !have.has(p.entry)).map((p) => p.entry);
      if (add.length > 0) nodes.push({ ...node, erasedVotes: [...(node.erasedVotes ?? []), ...add] } as NodeInput);
    }
    if (nodes.length > 0) await ctx.store.upsert({ nodes });
    await ctx.store.deleteRelationships(plan.map((p) => ({ type: 'VOTED' as const, from: ctx.person.id, to: p.to })));
    return plan.length;
  },
};

/** What a comment the person wrote says once they are erased (the thread keeps its shape). */
export const ERASED_COMMENT_TEXT = "removed at the person's request";

/**
 * Comments are personal records twice over: the ones the person wrote (their words, linked by
 * WROTE) and the mentions of them in others' comments (`@<id>` in the text, linked by MENTIONS).
 * Their own comments keep their place in the thread with the text replaced; a mention becomes
 * `@[removed]`. Both links go with the Person node afterwards.
 */
export const commentsKind: PersonalRecordKind = {
  name: 'comments',
  phase: 'links',
  async export(ctx) {
    const wrote = await ctx.store.relationships({ type: 'WROTE', from: [ctx.person.id], limit: 50_000 }, SYSTEM);
    const nodes = await ctx.store.getNodes(
      wrote.items.map((r) => r.to),
      SYSTEM,
    );
    return nodes.map((n) => (n.kind === 'Comment' ? { id: n.id, on: n.on, date: n.date, text: n.text } : n));
  },
  async erase(ctx) {
    const [wrote, mentioned] = await Promise.all([
      ctx.store.relationships({ type: 'WROTE', from: [ctx.person.id], limit: 50_000 }, SYSTEM),
      ctx.store.relationships({ type: 'MENTIONS', to: [ctx.person.id], limit: 50_000 }, SYSTEM),
    ]);
    const own = new Set(wrote.items.map((r) => r.to));
    const targets = await ctx.store.getNodes([...new Set([...own, ...mentioned.items.map((r) => r.from)])], SYSTEM);
    const marks = [ctx.person.id, ctx.person.name].filter((m) => m !== '');
    const nodes: NodeInput[] = [];
    for (const node of targets) {
      if (node.kind !== 'Comment') continue;
      if (own.has(node.id)) {
        if (node.text !== ERASED_COMMENT_TEXT) nodes.push({ ...node, text: ERASED_COMMENT_TEXT } as NodeInput);
        continue;
      }
      let text = node.text ?? '';
      for (const m of marks) text = text.split(`@${m}`).join('@[removed]').split(m).join('[removed]');
      if (text !== (node.text ?? '')) nodes.push({ ...node, text } as NodeInput);
    }
    if (nodes.length > 0) await ctx.store.upsert({ nodes });
    return nodes.length;
  },
};

interface PlannedAnswer {
  readonly from: string;
  readonly to: string;
}

/**
 * Survey answers are personal records (who answered what, and free text in their own words); the
 * counts are not. Each answer the person gave is re-keyed under a random id, so its digest id
 * (engine/input/surveys.ts answerId) no longer leads back to them, and keeps its choices and
 * scale values without its free text; the challenges it PROPOSED stay linked. The old id's feed
 * records go with the person's (the digest can be recomputed from the person's id, so they would
 * say the person answered). The plan is saved first, so a run cut short and run again writes each
 * copy once.
 */
export const surveyAnswersKind: PersonalRecordKind = {
  name: 'survey answers',
  phase: 'links',
  async export(ctx) {
    const answered = await ctx.store.relationships({ type: 'ANSWERED', from: [ctx.person.id], limit: 50_000 }, SYSTEM);
    const nodes = await ctx.store.getNodes(
      answered.items.map((r) => r.to),
      SYSTEM,
    );
    return nodes.flatMap((n) =>
      n.kind === 'SurveyAnswer' ? [{ id: n.id, survey: n.survey, date: n.date, answers: surveyAnswerItems(n) }] : [],
    );
  },
  async erase(ctx) {
    let plan = ctx.state['surveyAnswers'] as PlannedAnswer[] | undefined;
    if (plan === undefined) {
      const answered = await ctx.store.relationships(
        { type: 'ANSWERED', from: [ctx.person.id], limit: 50_000 },
        SYSTEM,
      );
      plan = answered.items.map((r) => ({ from: r.to, to: `input:survey-answer:${randomUUID()}` }));
      ctx.state['surveyAnswers'] = plan;
      alsoRedact(
        ctx,
        plan.map((p) => p.from),
      );
      await ctx.save();
    }
    const olds = await ctx.store.getNodes(
      plan.map((p) => p.from),
      SYSTEM,
    );
    for (const old of olds) {
      if (old.kind !== 'SurveyAnswer') continue;
      const to = plan.find((p) => p.from === old.id)?.to;
      if (to === undefined) continue;
      const kept = surveyAnswerItems(old)
        .filter((i) => i.text === undefined)
        .map((i) => JSON.stringify(i));
      const proposed = await ctx.store.relationships({ type: 'PROPOSED', from: [old.id], limit: 1_000 }, SYSTEM);
      await ctx.store.upsert({
        nodes: [{ ...old, id: to, answers: kept }],
        relationships: proposed.items.map((r) => ({ ...r, from: to })),
      });
      await ctx.store.deleteNodes([old.id]);
    }
    return plan.length;
  },
};

/** The person's own records of a kind owned by their Person id (notices, subscriptions), as SYSTEM. */
async function ownedRecords(ctx: { store: GraphStore; person: { id: string } }, kind: 'Notice' | 'Subscription') {
  const field = kind === 'Notice' ? 'recipient' : 'createdBy';
  const out: GraphNode[] = [];
  for (const where of [{ owner: ctx.person.id }, { [field]: ctx.person.id }]) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.list({ kind, where, limit: 10_000, ...(cursor ? { cursor } : {}) }, SYSTEM);
      out.push(...page.items);
      cursor = page.next;
    } while (cursor !== undefined);
  }
  return [...new Map(out.map((n) => [n.id, n])).values()];
}

/**
 * Notices (inbox, outbox) and subscriptions are the person's own records (engine/notify): owned by
 * their Person id, or created by them. They go before the Person node, so the feed's redaction that
 * follows drops their records too (a record names the person as its node's owner).
 */
export const noticesKind: PersonalRecordKind = {
  name: 'notices and subscriptions',
  phase: 'links',
  async export(ctx) {
    return {
      notices: await ownedRecords(ctx, 'Notice'),
      subscriptions: await ownedRecords(ctx, 'Subscription'),
    };
  },
  async erase(ctx) {
    const ids = [...(await ownedRecords(ctx, 'Notice')), ...(await ownedRecords(ctx, 'Subscription'))].map((n) => n.id);
    if (ids.length === 0) return 0;
    return (await ctx.store.deleteNodes(ids)).nodes;
  },
};

/** Introductions naming the person (engine/introductions), as SYSTEM, each once. */
async function introductionsOf(ctx: { store: GraphStore; person: { id: string } }) {
  const out = new Map<string, GraphNode>();
  for (const field of ['requester', 'target', 'decidedBy'] as const) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.list(
        { kind: 'Introduction', where: { [field]: ctx.person.id }, limit: 10_000, ...(cursor ? { cursor } : {}) },
        SYSTEM,
      );
      for (const n of page.items) out.set(n.id, n);
      cursor = page.next;
    } while (cursor !== undefined);
  }
  return [...out.values()];
}

/**
 * Introductions: those the person asked for or was asked for are theirs and go whole (before the
 * Person node, like notices), with every party's notices about them (they name the person); in those they decided as an INC coordinator, their id is replaced
 * by `erased` in the decision and in the audit steps, so the other parties keep the outcome.
 */
export const introductionsKind: PersonalRecordKind = {
  name: 'introductions',
  phase: 'links',
  async export(ctx) {
    return { introductions: await introductionsOf(ctx) };
  },
  async erase(ctx) {
    const mine: string[] = [];
    const rewritten: NodeInput[] = [];
    for (const n of await introductionsOf(ctx)) {
      if (n.kind !== 'Introduction') continue;
      if (n.requester === ctx.person.id || n.target === ctx.person.id) {
        mine.push(n.id);
        continue;
      }
      const steps = n.steps.map((s) => {
        const line = JSON.parse(s) as { by?: string };
        return line.by === ctx.person.id ? JSON.stringify({ ...line, by: 'erased' }) : s;
      });
      rewritten.push({ ...n, decidedBy: 'erased', steps } as NodeInput);
    }
    if (rewritten.length > 0) await ctx.store.upsert({ nodes: rewritten });
    // The other parties' notices about these introductions name the person (title, message): they go too.
    const told =
      mine.length === 0
        ? []
        : (
            await ctx.store.list(
              { kind: 'Notice', where: { refKind: 'Introduction', refId: { in: mine } }, limit: 10_000 },
              SYSTEM,
            )
          ).items.map((n) => n.id);
    const deleted = mine.length === 0 ? 0 : (await ctx.store.deleteNodes([...told, ...mine])).nodes;
    return deleted + rewritten.length;
  },
};

/** Checked by the tests: the value an anonymous entry counts as. */
export const anonymousVote = erasedVoteValue;

/** The person's contact route (engine/contact): a node of its own, deleted with the person. */
export const contactRouteKind: PersonalRecordKind = {
  name: 'contact-route',
  phase: 'links',
  async export(ctx) {
    return (await ctx.store.getNode(contactRouteId(ctx.person.id), SYSTEM)) ?? null;
  },
  async erase(ctx) {
    const { nodes } = await ctx.store.deleteNodes([contactRouteId(ctx.person.id)]);
    return nodes;
  },
};

/** The Person node and every relationship touching it (memberships, expertise, RAISED, PRODUCED…). */
export const personKind: PersonalRecordKind = {
  name: 'person',
  phase: 'node',
  async export(ctx) {
    const node = await ctx.store.getNode(ctx.person.id, SYSTEM);
    const around = await ctx.store.neighbourhood(ctx.person.id, { hops: 1, limit: 50_000 }, SYSTEM);
    const names = new Map(around.nodes.map((n: GraphNode) => [n.id, n]));
    return {
      node,
      relationships: around.relationships.map((r) => {
        const other = names.get(r.from === ctx.person.id ? r.to : r.from);
        return { ...r, other: other === undefined ? undefined : { id: other.id, kind: other.kind } };
      }),
    };
  },
  async erase(ctx) {
    const out = await ctx.store.deleteNodes([ctx.person.id]);
    return out.nodes + out.relationships;
  },
};

/** The person's vectors (every model) and the removal records that name them. */
export const vectorsKind: PersonalRecordKind = {
  name: 'vectors',
  phase: 'traces',
  async export(ctx) {
    if (!existsSync(vectorsPath(ctx.dataDir))) return [];
    const v = await VectorStore.open(ctx.dataDir);
    try {
      const models = await v.feedPositions();
      const out: { model: string; textHash: string }[] = [];
      for (const { model } of models) {
        const h = await v.hashes(model, 'Person', [ctx.person.id]);
        for (const textHash of h.values()) out.push({ model, textHash });
      }
      return out;
    } finally {
      await v.close();
    }
  },
  async erase(ctx) {
    if (!existsSync(vectorsPath(ctx.dataDir))) return 0;
    const v = await VectorStore.open(ctx.dataDir);
    try {
      return await v.erase([ctx.person.id]);
    } finally {
      await v.close();
    }
  },
};

/** Folders of persisted read models (each with its writer.lock: engine/feed/lock.ts). */
export async function readModelFolders(dataDir: string): Promise<string[]> {
  const out = [join(dataDir, 'lexical'), join(dataDir, 'analytics')];
  try {
    for (const e of await readdir(join(dataDir, 'index'), { withFileTypes: true })) {
      if (e.isDirectory()) out.push(join(dataDir, 'index', e.name));
    }
  } catch {
    // no vector indexes
  }
  return out.filter((d) => existsSync(d));
}

/**
 * Persisted read models (lexical index files, HNSW indexes with their id lists, the analytics
 * snapshot). A folder whose writer lock no live process holds is emptied here: the next process
 * to open it rebuilds it from the store (which no longer holds the person), replaying nothing.
 * A folder held by a running process is rewritten by that process: its feed follower sees the
 * redaction mark move and saves every read model at once (engine/feed/follower.ts).
 */
export const readModelFilesKind: PersonalRecordKind = {
  name: 'read-model files',
  phase: 'traces',
  async export() {
    return undefined;
  },
  async erase(ctx) {
    let cleared = 0;
    for (const dir of await readModelFolders(ctx.dataDir)) {
      const lock = new FileLock(join(dir, 'writer.lock'));
      if (!lock.tryAcquire()) {
        ctx.log(`privacy: ${dir} is kept by a running process; it rewrites it after the redaction`);
        continue;
      }
      try {
        for (const e of await readdir(dir)) {
          if (e === 'writer.lock') continue;
          await rm(join(dir, e), { recursive: true, force: true });
          cleared++;
        }
      } finally {
        lock.release();
      }
    }
    return cleared;
  },
};

export const ENGINE_KINDS: readonly PersonalRecordKind[] = [
  votesKind,
  commentsKind,
  surveyAnswersKind,
  contactRouteKind,
  noticesKind,
  introductionsKind,
  personKind,
  vectorsKind,
  readModelFilesKind,
];
