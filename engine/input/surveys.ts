/**
 * Answering surveys: one answer set per person and survey (SurveyAnswer, ANSWERED from the
 * person); answering again before the survey closes replaces the earlier set. The answer's id is
 * derived from the survey and the person, so two answers sent at once by the same person land on
 * one node (the later wins) and answers of different people never touch each other.
 *
 * Contract (kept stable for bots/):
 *  - listSurveys(engine, actor) → SurveyList
 *  - readSurvey(engine, surveyId, actor) → SurveyView
 *  - answerSurvey(engine, surveyId, actor, input, options?) → SurveyAnswerResult
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type GraphStore,
  type NodeOf,
  SCALE_MAX,
  SCALE_MIN,
  type SurveyAnswerItem,
  type SurveyQuestion,
  surveyAnswerItems,
  surveyAnswerSchema,
  surveyQuestions,
  type Viewer,
} from '../../graph/index.js';
import { type Actor, resolveActor } from './actor.js';
import { invalid } from './challenges.js';
import { InputError, visibleNodeOf } from './errors.js';
import { closesAtMs } from './poll-create.js';
import type { InputEngine } from './ports.js';
import type { Survey, SurveyAnswerResult, SurveyList, SurveyView } from './survey-types.js';

export type SurveyAnswerNode = NodeOf<'SurveyAnswer'>;

/** Looks up a survey the viewer may see, or throws ERR_SURVEY_NOT_FOUND / ERR_NOT_A_SURVEY. */
export function visibleSurvey(store: GraphStore, surveyId: unknown, viewer: Viewer): Promise<Survey> {
  return visibleNodeOf(store, surveyId, viewer, 'Survey', {
    notFound: 'ERR_SURVEY_NOT_FOUND',
    wrongKind: 'ERR_NOT_A_SURVEY',
    noun: 'survey',
  });
}

export const isOpen = (survey: Survey, now: Date): boolean => now.getTime() <= closesAtMs(survey.closesAt);

/**
 * The id of a person's answer to a survey. A digest, so the id names neither; the ANSWERED link
 * says whose it is, and erasure re-keys the answer under a random id (engine/privacy).
 */
export function answerId(surveyId: string, personId: string): string {
  const digest = createHash('sha256').update(`${surveyId}\u0000${personId}`).digest('base64url').slice(0, 32);
  return `input:survey-answer:${digest}`;
}

/** Every answer set to a survey the viewer may see, in id order. */
export async function answersOf(store: GraphStore, surveyId: string, viewer: Viewer): Promise<SurveyAnswerNode[]> {
  const out: SurveyAnswerNode[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { kind: 'SurveyAnswer', where: { survey: surveyId }, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      viewer,
    );
    for (const n of page.items) if (n.kind === 'SurveyAnswer') out.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

async function view(store: GraphStore, survey: Survey, actor: Actor, counts: Map<string, number>, now: Date) {
  const mine =
    actor.person === undefined ? undefined : await store.getNode(answerId(survey.id, actor.person), actor.viewer);
  return {
    survey,
    questions: surveyQuestions(survey),
    open: isOpen(survey, now),
    answers: counts.get(survey.id) ?? 0,
    ...(mine?.kind === 'SurveyAnswer'
      ? {
          mine: {
            id: mine.id,
            ...(mine.date === undefined ? {} : { date: mine.date }),
            items: surveyAnswerItems(mine),
          },
        }
      : {}),
  } satisfies SurveyView;
}

async function answerCounts(store: GraphStore, viewer: Viewer): Promise<Map<string, number>> {
  const rows = await store.count({ kind: 'SurveyAnswer', groupBy: 'survey' }, viewer);
  return new Map(rows.flatMap((r) => (typeof r.key === 'string' ? [[r.key, r.count] as const] : [])));
}

export async function listSurveys(
  engine: InputEngine,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<SurveyList> {
  const now = options.now?.() ?? new Date();
  const surveys: Survey[] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.store.list(
      { kind: 'Survey', limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      actor.viewer,
    );
    for (const n of page.items) if (n.kind === 'Survey') surveys.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  const counts = await answerCounts(engine.store, actor.viewer);
  const views = await Promise.all(surveys.map((s) => view(engine.store, s, actor, counts, now)));
  const at = (v: SurveyView) => closesAtMs(v.survey.closesAt);
  return {
    surveys: [
      ...views.filter((v) => v.open).sort((a, b) => at(a) - at(b)),
      ...views.filter((v) => !v.open).sort((a, b) => at(b) - at(a)),
    ],
  };
}

export async function readSurvey(
  engine: InputEngine,
  surveyId: string,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<SurveyView> {
  const survey = await visibleSurvey(engine.store, surveyId, actor.viewer);
  const counts = new Map([[survey.id, (await answersOf(engine.store, survey.id, actor.viewer)).length]]);
  return view(engine.store, survey, actor, counts, options.now?.() ?? new Date());
}

/** One answer as a caller sends it: `choice` or `choices`, `scale`, or `text`, by question type. */
const answerInputSchema = z.strictObject({
  question: z.string().min(1, 'is empty').max(10, 'is not a question id'),
  choice: z.string().max(500).optional(),
  choices: z.array(z.string().max(500)).max(50).optional(),
  scale: z.number().optional(),
  text: z.string().max(10_000, 'is longer than 10000 characters').optional(),
});
export const surveyAnswersInputSchema = z.strictObject({
  answers: z.array(answerInputSchema).min(1, 'is empty: answer at least one question').max(50),
});
export type SurveyAnswersInput = z.input<typeof surveyAnswersInputSchema>;

/** The option as the question spells it: exactly, else ignoring case and surrounding space. */
function optionOf(q: SurveyQuestion, given: string, field: string): string {
  const options = q.options ?? [];
  const exact = options.find((o) => o === given);
  if (exact !== undefined) return exact;
  const loose = options.filter((o) => o.trim().toLowerCase() === given.trim().toLowerCase());
  if (loose.length === 1 && loose[0] !== undefined) return loose[0];
  throw new InputError(
    'ERR_INVALID_OPTION',
    `${field}: "${given}" is not an option of ${q.id}; its options are: ${options.map((o) => `"${o}"`).join(', ')}`,
    field,
  );
}

/** Checks each answer against its question; returns the items to store, in question order. */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: z.output<typeof surveyAnswersInputSchema>['answers'],
): SurveyAnswerItem[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Map<string, number>();
  const items = answers.map((a, i): SurveyAnswerItem => {
    const at = `answers[${i}]`;
    const q = byId.get(a.question);
    if (q === undefined) {
      throw new InputError(
        'ERR_INVALID_INPUT',
        `${at}.question: the survey has no question "${a.question}"; its questions are ${questions.map((x) => x.id).join(', ')}`,
        `${at}.question`,
      );
    }
    const first = seen.get(q.id);
    if (first !== undefined) {
      throw new InputError('ERR_INVALID_INPUT', `${at} answers ${q.id} again (answers[${first}])`, `${at}.question`);
    }
    seen.set(q.id, i);
    const wrong = (field: string, what: string) =>
      new InputError('ERR_INVALID_INPUT', `${at}.${field}: ${q.id} is a ${q.type} question: ${what}`, `${at}.${field}`);
    const others = (keep: 'choice' | 'choices' | 'scale' | 'text') => {
      for (const f of ['choice', 'choices', 'scale', 'text'] as const) {
        const allowed = f === keep || (keep === 'choices' && f === 'choice');
        if (!allowed && a[f] !== undefined) throw wrong(f, `answer it with ${keep}`);
      }
    };
    switch (q.type) {
      case 'single': {
        others('choice');
        if (a.choice === undefined) throw wrong('choice', 'give one choice');
        return { q: q.id, choices: [optionOf(q, a.choice, `${at}.choice`)] };
      }
      case 'multiple': {
        others('choices');
        const given = a.choices ?? (a.choice === undefined ? [] : [a.choice]);
        if (given.length === 0) throw wrong('choices', 'give one or more choices');
        const chosen = given.map((c, j) => optionOf(q, c, `${at}.choices[${j}]`));
        const dup = chosen.findIndex((c, j) => chosen.indexOf(c) !== j);
        if (dup >= 0) throw wrong(`choices[${dup}]`, `"${chosen[dup]}" is chosen twice`);
        return { q: q.id, choices: (q.options ?? []).filter((o) => chosen.includes(o)) };
      }
      case 'scale': {
        others('scale');
        if (a.scale === undefined || !Number.isInteger(a.scale) || a.scale < SCALE_MIN || a.scale > SCALE_MAX) {
          throw wrong(
            'scale',
            `give a whole number from ${SCALE_MIN} to ${SCALE_MAX}${a.scale === undefined ? '' : `, not ${a.scale}`}`,
          );
        }
        return { q: q.id, scale: a.scale };
      }
      case 'text': {
        others('text');
        const text = a.text?.trim() ?? '';
        if (text === '') throw wrong('text', 'the text is empty');
        return { q: q.id, text };
      }
      default:
        throw new Error(`survey question ${q.id} has an unknown type`);
    }
  });
  const order = new Map(questions.map((q, i) => [q.id, i]));
  return items.sort((x, y) => (order.get(x.q) ?? 0) - (order.get(y.q) ?? 0));
}

export async function answerSurvey(
  engine: InputEngine,
  surveyId: string,
  actor: Actor,
  input: unknown,
  options: { now?: () => Date } = {},
): Promise<SurveyAnswerResult> {
  const store = engine.store;
  const survey = await visibleSurvey(store, surveyId, actor.viewer);
  const parsed = surveyAnswersInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const { person } = await resolveActor(store, actor);
  if (person === undefined) {
    throw new InputError('ERR_ACTOR_NO_PERSON', 'surveys are answered by a person, and the actor has none');
  }
  if (survey.audience !== undefined && person.country !== survey.audience) {
    throw new InputError(
      'ERR_FORBIDDEN',
      `survey ${survey.id} asks the people of ${survey.audience}${person.country === undefined ? '' : `, not of ${person.country}`}`,
      'audience',
    );
  }
  const now = options.now?.() ?? new Date();
  if (!isOpen(survey, now))
    throw new InputError('ERR_SURVEY_CLOSED', `survey ${survey.id} closed on ${survey.closesAt}`);
  const items = checkAnswers(surveyQuestions(survey), parsed.data.answers);
  const id = answerId(survey.id, person.id);
  const candidate = surveyAnswerSchema.safeParse({
    kind: 'SurveyAnswer',
    id,
    visibility: survey.visibility,
    ...(survey.owner === undefined ? {} : { owner: survey.owner }),
    date: now.toISOString(),
    survey: survey.id,
    answers: items.map((item) => JSON.stringify(item)),
  });
  if (!candidate.success) throw invalid(candidate.error);
  const written = await store.upsert({
    nodes: [candidate.data],
    relationships: [{ type: 'ANSWERED', from: person.id, to: id }],
  });
  await engine.afterWrite([], []);
  return {
    surveyId: survey.id,
    answer: { id, date: candidate.data.date, items },
    replaced: written.nodes.created === 0,
  };
}
