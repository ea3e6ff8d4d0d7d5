/**
 * Surveys made in the product: INCs and administrators put several questions (one choice,
 * several choices, a 1–5 scale, free text) to the network or to one country until a closing date.
 * Stored in one atomic upsert with CREATED from the author; answers go through answerSurvey
 * (./surveys.ts).
 *
 * Contract: createSurvey(engine, input, actor, options?) → CreatedSurvey; InputError naming the
 * field (`questions[2].options[1]`, `closesAt`, `audience`).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  countryCode,
  SURVEY_QUESTION_TYPES,
  type SurveyQuestion,
  surveySchema,
  VISIBILITIES,
} from '../../graph/index.js';
import { type Actor, isoDay, resolveActor } from './actor.js';
import { invalid } from './challenges.js';
import { InputError } from './errors.js';
import { checkAudience, closesAtMs } from './poll-create.js';
import type { InputEngine } from './ports.js';
import type { Survey } from './survey-types.js';

export type { Survey } from './survey-types.js';

export const MAX_QUESTIONS = 30;
export const MAX_SURVEY_OPTIONS = 20;

const questionInputSchema = z.strictObject({
  type: z.enum(SURVEY_QUESTION_TYPES),
  prompt: z.string().trim().min(1, 'is empty').max(1_000, 'is longer than 1000 characters'),
  /** Single and multiple choice only: two or more distinct options, in order. */
  options: z
    .array(z.string().trim().min(1, 'is empty').max(500, 'is longer than 500 characters'))
    .max(MAX_SURVEY_OPTIONS, `takes at most ${MAX_SURVEY_OPTIONS} options`)
    .optional(),
});

export const surveyInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'is empty').max(1_000, 'is longer than 1000 characters'),
  description: z.string().trim().max(20_000, 'is longer than 20000 characters').optional(),
  questions: z
    .array(questionInputSchema)
    .min(1, 'is empty: a survey needs at least one question')
    .max(MAX_QUESTIONS, `takes at most ${MAX_QUESTIONS} questions`),
  /** A date (closes at its end, UTC) or a date-time, in the future. */
  closesAt: surveySchema.shape.closesAt,
  /** One country's people; absent, the network. */
  audience: countryCode.optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});
export type SurveyInput = z.input<typeof surveyInputSchema>;

export interface CreatedSurvey {
  readonly survey: Survey;
  readonly questions: readonly SurveyQuestion[];
  readonly createdBy: string;
}

/** The questions with their ids (`q1`…), checked: choice questions need distinct options, the others none. */
function questionsOf(input: z.output<typeof surveyInputSchema>['questions']): SurveyQuestion[] {
  return input.map((q, i) => {
    const at = `questions[${i}]`;
    const choice = q.type === 'single' || q.type === 'multiple';
    if (!choice) {
      if (q.options !== undefined) {
        throw new InputError(
          'ERR_INVALID_INPUT',
          `${at}.options: a ${q.type} question takes no options`,
          `${at}.options`,
        );
      }
      return { id: `q${i + 1}`, type: q.type, prompt: q.prompt };
    }
    const options = q.options ?? [];
    if (options.length < 2) {
      throw new InputError(
        'ERR_INVALID_INPUT',
        `${at}.options ${options.length === 0 ? 'is empty' : 'has one option'}: a ${q.type}-choice question needs at least two`,
        `${at}.options`,
      );
    }
    const seen = new Map<string, number>();
    options.forEach((o, j) => {
      const first = seen.get(o.toLowerCase());
      if (first !== undefined) {
        throw new InputError(
          'ERR_INVALID_INPUT',
          `${at}.options[${j}] repeats ${at}.options[${first}] ("${o}")`,
          `${at}.options[${j}]`,
        );
      }
      seen.set(o.toLowerCase(), j);
    });
    return { id: `q${i + 1}`, type: q.type, prompt: q.prompt, options };
  });
}

export async function createSurvey(
  engine: InputEngine,
  input: unknown,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<CreatedSurvey> {
  const parsed = surveyInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  const store = engine.store;
  const who = await resolveActor(store, actor);
  if (actor.role !== 'admin' && actor.role !== 'inc') {
    throw new InputError('ERR_FORBIDDEN', 'surveys are created by INCs and administrators');
  }
  checkAudience(actor, who, data.audience);
  const author = who.person ?? who.organisation;
  if (author === undefined) {
    throw new InputError('ERR_ACTOR_UNKNOWN', 'a survey is created by a person or an organisation; the actor has none');
  }
  const now = options.now?.() ?? new Date();
  if (!(closesAtMs(data.closesAt) > now.getTime())) {
    throw new InputError('ERR_INVALID_INPUT', `closesAt ${data.closesAt} is not in the future`, 'closesAt');
  }
  const questions = questionsOf(data.questions);
  const visibility = data.visibility ?? 'network';
  if (visibility === 'restricted' && actor.organisation === undefined) {
    throw new InputError('ERR_FORBIDDEN', 'a restricted survey needs the organisation that owns it', 'visibility');
  }
  const id = `input:survey:${randomUUID()}`;
  const candidate = surveySchema.safeParse({
    kind: 'Survey',
    id,
    visibility,
    ...(visibility === 'restricted' ? { owner: actor.organisation } : {}),
    date: isoDay(now),
    title: data.title,
    ...(data.description === undefined || data.description === '' ? {} : { description: data.description }),
    questions: questions.map((q) => JSON.stringify(q)),
    closesAt: data.closesAt,
    ...(data.audience === undefined ? {} : { audience: data.audience }),
  });
  if (!candidate.success) throw invalid(candidate.error);
  await store.upsert({
    nodes: [candidate.data],
    relationships: [{ type: 'CREATED', from: author.id, to: id, date: isoDay(now) }],
  });
  const stored = await store.getNode(id, actor.viewer);
  if (stored?.kind !== 'Survey') throw new Error(`survey ${id} was written but cannot be read back`);
  await engine.afterWrite([stored], []);
  return { survey: stored, questions, createdBy: author.id };
}
