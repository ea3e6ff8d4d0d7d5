/**
 * What a survey found: counts per option, the scale's histogram and mean, and the free-text
 * answers as far as the rules allow; and a free-text answer turned into a challenge.
 *
 * Free text is the respondent's own words, so it is shown to fewer people than the counts: to
 * administrators, to whoever created the survey, and to INCs (of the survey's country when it
 * asks one); everyone else sees how many answered in words, and their own text. Counts are for
 * every viewer of the survey.
 *
 * Contract (kept stable for bots/):
 *  - surveyResults(engine, surveyId, actor) → SurveyResults
 *  - proposeChallenge(engine, surveyId, answerId, actor, input) → ProposedChallenge
 */
import { z } from 'zod';
import {
  type GraphStore,
  idSchema,
  SCALE_MAX,
  SCALE_MIN,
  SYSTEM,
  surveyAnswerItems,
  surveyQuestions,
  VISIBILITIES,
} from '../../graph/index.js';
import { type Actor, actorCountry, resolveActor } from './actor.js';
import { type Challenge, invalid, type SubmittedChallenge, submitChallenge, visibleChallenge } from './challenges.js';
import { InputError } from './errors.js';
import type { InputEngine } from './ports.js';
import type { QuestionResult, Survey, SurveyResults } from './survey-types.js';
import { answersOf, type SurveyAnswerNode, visibleSurvey } from './surveys.js';

/** Whether the actor reads every free-text answer of the survey (see the file's comment). */
export async function readsAllTexts(store: GraphStore, survey: Survey, actor: Actor): Promise<boolean> {
  if (actor.role === 'admin' || actor.viewer.clearance === 'all') return true;
  const who = await resolveActor(store, actor);
  if (actor.role === 'inc' && (survey.audience === undefined || actorCountry(actor, who) === survey.audience)) {
    return true;
  }
  const authorIds = [who.person?.id, who.organisation?.id].filter((x): x is string => x !== undefined);
  if (authorIds.length === 0) return false;
  const created = await store.relationships({ type: 'CREATED', from: authorIds, to: [survey.id], limit: 1 }, SYSTEM);
  return created.items.length > 0;
}

/** Ids of the actor's own answers among `answers` (by ANSWERED from their person). */
async function ownAnswers(store: GraphStore, actor: Actor, answers: readonly SurveyAnswerNode[]): Promise<Set<string>> {
  if (actor.person === undefined || answers.length === 0) return new Set();
  const page = await store.relationships(
    { type: 'ANSWERED', from: [actor.person], to: answers.map((a) => a.id), limit: 10_000 },
    SYSTEM,
  );
  return new Set(page.items.map((r) => r.to));
}

export async function surveyResults(engine: InputEngine, surveyId: string, actor: Actor): Promise<SurveyResults> {
  const store = engine.store;
  const survey = await visibleSurvey(store, surveyId, actor.viewer);
  const answers = await answersOf(store, survey.id, actor.viewer);
  const all = await readsAllTexts(store, survey, actor);
  const own = all ? new Set<string>() : await ownAnswers(store, actor, answers);
  const proposed = await proposedBy(
    store,
    answers.map((a) => a.id),
    actor,
  );
  const items = answers.map((a) => ({ node: a, items: surveyAnswerItems(a) }));
  const results = surveyQuestions(survey).map((q): QuestionResult => {
    const given = items.flatMap(({ node, items: list }) => {
      const item = list.find((i) => i.q === q.id);
      return item === undefined ? [] : [{ node, item }];
    });
    const base = { question: q.id, prompt: q.prompt, answered: given.length };
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const counts = new Map((q.options ?? []).map((o) => [o, 0]));
        for (const { item } of given) {
          for (const c of item.choices ?? []) {
            const n = counts.get(c);
            if (n !== undefined) counts.set(c, n + 1);
          }
        }
        return { ...base, type: q.type, options: [...counts].map(([option, count]) => ({ option, count })) };
      }
      case 'scale': {
        const histogram = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => ({
          value: SCALE_MIN + i,
          count: 0,
        }));
        let sum = 0;
        let n = 0;
        for (const { item } of given) {
          if (item.scale === undefined) continue;
          const bin = histogram[item.scale - SCALE_MIN];
          if (bin === undefined) throw new Error(`answer scale ${item.scale} outside ${SCALE_MIN}..${SCALE_MAX}`);
          bin.count++;
          sum += item.scale;
          n++;
        }
        return { ...base, type: 'scale', histogram, mean: n === 0 ? null : sum / n };
      }
      case 'text':
        return {
          ...base,
          type: 'text',
          allTexts: all,
          texts: given
            .filter(({ node, item }) => item.text !== undefined && (all || own.has(node.id)))
            .map(({ node, item }) => ({
              answer: node.id,
              text: item.text ?? '',
              ...(node.date === undefined ? {} : { date: node.date }),
              challenges: proposed.get(node.id) ?? [],
            })),
        };
      default:
        throw new Error(`survey question ${q.id} has an unknown type`);
    }
  });
  return { survey, respondents: answers.length, questions: results };
}

/** Challenges (visible to the actor) each answer PROPOSED. */
async function proposedBy(
  store: GraphStore,
  answerIds: readonly string[],
  actor: Actor,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (answerIds.length === 0) return out;
  const page = await store.relationships({ type: 'PROPOSED', from: answerIds, limit: 10_000 }, actor.viewer);
  for (const r of page.items) out.set(r.from, [...(out.get(r.from) ?? []), r.to]);
  return out;
}

export const proposeInputSchema = z.strictObject({
  /** The free-text question whose answer becomes a challenge. */
  question: z.string().min(1, 'is empty').max(10, 'is not a question id'),
  /** Title of the new challenge; default the answer's first sentence (at most 200 characters). */
  title: z.string().trim().min(1, 'is empty').max(1_000).optional(),
  /** An existing challenge the answer duplicates: the answer is linked to it instead. */
  duplicateOf: idSchema.optional(),
  topics: z.array(idSchema).max(20).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});
export type ProposeInput = z.input<typeof proposeInputSchema>;

export type ProposedChallenge =
  | (SubmittedChallenge & { readonly answer: string; readonly linked: false })
  | {
      readonly answer: string;
      readonly linked: true;
      readonly challenge: Challenge;
    };

/** A title from free text: its first sentence, cut at a word within 200 characters. */
export function titleFrom(text: string): string {
  const first = text.split(/(?<=[.!?])\s/u)[0] ?? text;
  if (first.length <= 200) return first;
  const cut = first.slice(0, 200);
  const space = cut.lastIndexOf(' ');
  return `${space > 100 ? cut.slice(0, space) : cut}…`;
}

/**
 * A free-text answer becomes a challenge through the same path as one raised by hand
 * (submitChallenge: topics assigned, findable at once, returned with its most similar existing
 * challenges, the duplicate check), with PROPOSED from the answer written in the same upsert; or,
 * with `duplicateOf`, the answer is linked to an existing challenge. Allowed to the respondent and
 * to whoever reads every free-text answer. One challenge per answer.
 */
export async function proposeChallenge(
  engine: InputEngine,
  surveyId: string,
  answerId: string,
  actor: Actor,
  input: unknown,
): Promise<ProposedChallenge> {
  const store = engine.store;
  const survey = await visibleSurvey(store, surveyId, actor.viewer);
  const parsed = proposeInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  const node = await store.getNode(answerId, actor.viewer);
  const mayRead =
    node?.kind === 'SurveyAnswer' &&
    node.survey === survey.id &&
    ((await readsAllTexts(store, survey, actor)) || (await ownAnswers(store, actor, [node])).size > 0);
  if (!mayRead || node?.kind !== 'SurveyAnswer') {
    throw new InputError(
      'ERR_ANSWER_NOT_FOUND',
      `no answer ${answerId} in survey ${survey.id} (or you may not see it)`,
      'answerId',
    );
  }
  const question = surveyQuestions(survey).find((q) => q.id === data.question);
  if (question?.type !== 'text') {
    throw new InputError(
      'ERR_INVALID_INPUT',
      `question ${data.question} ${question === undefined ? 'is not in the survey' : `is a ${question.type} question`}: only free-text answers become challenges`,
      'question',
    );
  }
  const text = surveyAnswerItems(node).find((i) => i.q === question.id)?.text;
  if (text === undefined) {
    throw new InputError('ERR_INVALID_INPUT', `answer ${node.id} has no text for ${question.id}`, 'question');
  }
  const already = await store.relationships({ type: 'PROPOSED', from: [node.id], limit: 1 }, SYSTEM);
  const earlier = already.items[0];
  if (earlier !== undefined) {
    throw new InputError(
      'ERR_ALREADY_PROPOSED',
      `answer ${node.id} already became challenge ${earlier.to}`,
      'answerId',
    );
  }
  if (data.duplicateOf !== undefined) {
    const target = await visibleChallenge(store, data.duplicateOf, actor.viewer);
    await store.upsert({ relationships: [{ type: 'PROPOSED', from: node.id, to: target.id }] });
    await engine.afterWrite([], []);
    return { answer: node.id, linked: true, challenge: target };
  }
  const submitted = await submitChallenge(
    engine,
    {
      title: data.title ?? titleFrom(text),
      description: text,
      ...(survey.audience === undefined ? {} : { country: survey.audience }),
      ...(data.topics === undefined ? {} : { topics: data.topics }),
      ...(data.visibility === undefined ? {} : { visibility: data.visibility }),
    },
    actor,
    { links: (id) => [{ type: 'PROPOSED', from: node.id, to: id }] },
  );
  return { ...submitted, answer: node.id, linked: false };
}
