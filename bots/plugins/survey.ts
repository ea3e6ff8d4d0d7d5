/**
 * Surveys in chat. `survey` lists the open surveys the caller may answer; `survey <id> [n]` shows
 * one question at a time with its buttons (one per option, 1 to 5 for a scale), starting at the
 * first the caller has not answered; `answer <survey> <n> <value>` records one question's answer,
 * typed (free text is typed this way) or run by a button, and shows the next question. A
 * multiple-choice option button adds or removes that option (`--toggle k`) and "Done" moves on.
 *
 * Answers go through engine/input `answerSurvey`, as the API's: one answer set per person and
 * survey, each call replacing the whole set. Chat answers one question at a time, so each one is
 * merged into the caller's stored set first (the other questions' answers kept as they are);
 * merges of one person's clicks on one survey run one after the other in this process.
 */
import { z } from 'zod';
import {
  answerSurvey,
  listSurveys,
  readSurvey,
  type SurveyAnswersInput,
  type SurveyView,
} from '../../engine/input/index.js';
import { idSchema, SCALE_MAX, SCALE_MIN, type SurveyAnswerItem, type SurveyQuestion } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { mayRun } from '../core/identity.js';
import { clip, type ReplyItem, reply } from '../core/reply.js';
import { actorOf } from './actor.js';
import {
  ANSWER_PERMISSION,
  answerText,
  blocker,
  mineFor,
  nextUnanswered,
  overviewReply,
  personCountry,
  questionReply,
} from './survey-reply.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The question number as typed: `2` or `q2`. */
const QUESTION = /^q?(\d{1,3})$/iu;

export const survey = defineCommand({
  name: 'survey',
  aliases: ['surveys'],
  summary: 'Open surveys you may answer; one survey question by question, with buttons to answer.',
  help: 'Without an id: the open surveys you may answer. With an id (or its number in that list): the first question you have not answered, with a button per option (1 to 5 for a scale); a free-text question is answered with `answer <survey> <question> <text>`. With a question number: that question.',
  examples: ['', 'input:survey:3f2a…', 'input:survey:3f2a… 2'],
  args: z.object({
    survey: idSchema.optional().describe('a survey id: answer it'),
    question: z
      .string()
      .regex(QUESTION, 'must be a question number, e.g. 2')
      .optional()
      .describe('the question to show (1, 2, …)'),
  }),
  positional: ['survey', 'question'],
  refs: ['survey'],
  permission: 'read',
  // The caller's own answers are shown: to them alone where the platform allows it.
  replyPrivately: true,
  phrases: [{ pattern: /^(?:show (?:me )?(?:the )?|list (?:the )?|any (?:open )?)?surveys$/iu, args: () => ({}) }],
  async handler({ args, engine, caller, settings }) {
    const prefix = settings.commandPrefix;
    const actor = actorOf(caller);
    const country = await personCountry(engine, caller);
    if (args.survey === undefined) {
      const list = await listSurveys(engine, actor);
      const open = list.surveys.filter(
        (v) => v.open && (v.survey.audience === undefined || v.survey.audience === country),
      );
      const items: ReplyItem[] = open.slice(0, 10).map((v) => {
        const answered = v.mine?.items.length ?? 0;
        return {
          id: v.survey.id,
          title: v.survey.title,
          facts: [
            plural(v.questions.length, 'question'),
            `closes ${v.survey.closesAt.slice(0, 10)}`,
            v.survey.audience === undefined ? 'for the network' : `for ${v.survey.audience}`,
          ],
          ...(answered === 0 ? {} : { why: `you answered ${answered} of ${v.questions.length}` }),
          actions: [
            {
              label: clip(`${answered === 0 ? 'Take' : 'Review'} “${v.survey.title}”`, 60),
              command: `survey ${v.survey.id}`,
            },
          ],
        };
      });
      const cannot = caller.person === undefined || !mayRun(caller, ANSWER_PERMISSION);
      return reply({
        title: 'Open surveys',
        text:
          open.length === 0
            ? 'There is no open survey for you to answer.'
            : `${plural(open.length, 'open survey')} you may answer, closing soonest first.`,
        sections: items.length === 0 ? [] : [{ title: 'Surveys', items }],
        ...(cannot && open.length > 0
          ? {
              footer:
                'You may read them; to answer, your chat account must be linked to your person by an administrator.',
            }
          : {}),
        // The highest visibility among the surveys shown decides where the list may be posted.
        visibility: open.some((v) => v.survey.visibility === 'restricted')
          ? 'restricted'
          : open.some((v) => v.survey.visibility === 'network')
            ? 'network'
            : 'public',
      });
    }
    const view = await readSurvey(engine, args.survey, actor);
    const why = blocker(view, caller, country);
    if (args.question !== undefined) {
      const n = questionNumber(view, args.question);
      return why === undefined ? questionReply(view, n, { prefix }) : overviewReply(view, why, { prefix });
    }
    const next = nextUnanswered(view);
    if (why !== undefined || next === undefined) return overviewReply(view, why, { prefix });
    return questionReply(view, next, { prefix });
  },
});

function questionNumber(view: SurveyView, typed: string): number {
  const n = Number(QUESTION.exec(typed.trim())?.[1]);
  if (!Number.isInteger(n) || n < 1 || n > view.questions.length) {
    throw new CommandError(`Survey ${view.survey.id} has questions 1 to ${view.questions.length}, not ${typed}.`);
  }
  return n;
}

/** An option by its number or its text (the engine matches the text, ignoring case). */
function optionOf(q: SurveyQuestion, n: number, typed: string): string {
  const options = q.options ?? [];
  if (/^\d+$/u.test(typed)) {
    const option = options[Number(typed) - 1];
    if (option === undefined) throw new CommandError(`Question ${n} has options 1 to ${options.length}, not ${typed}.`);
    return option;
  }
  return typed;
}

type AnswerInput = SurveyAnswersInput['answers'][number];

/** A stored answer as the engine takes it back. */
function inputOf(item: SurveyAnswerItem, q: SurveyQuestion): AnswerInput {
  if (q.type === 'single') return { question: q.id, choice: item.choices?.[0] ?? '' };
  if (q.type === 'multiple') return { question: q.id, choices: [...(item.choices ?? [])] };
  if (q.type === 'scale') return { question: q.id, scale: item.scale ?? 0 };
  return { question: q.id, text: item.text ?? '' };
}

/** This question's new answer from what was typed or clicked; undefined when a toggle leaves no choice. */
function newAnswer(
  q: SurveyQuestion,
  n: number,
  mine: SurveyAnswerItem | undefined,
  value: string | undefined,
  toggle: number | undefined,
): AnswerInput | undefined {
  const v = value?.trim() ?? '';
  if (toggle !== undefined) {
    if (q.type !== 'multiple')
      throw new CommandError(`Question ${n} takes one answer: --toggle is for several choices.`);
    const option = optionOf(q, n, String(toggle));
    const chosen = new Set(mine?.choices ?? []);
    if (chosen.has(option)) chosen.delete(option);
    else chosen.add(option);
    return chosen.size === 0 ? undefined : { question: q.id, choices: [...chosen] };
  }
  if (v === '') {
    throw new CommandError(
      q.type === 'text'
        ? `Question ${n} wants your answer in words after its number.`
        : q.type === 'scale'
          ? `Question ${n} wants a number from ${SCALE_MIN} to ${SCALE_MAX}.`
          : `Question ${n} wants an option's number (1 to ${q.options?.length ?? 0}).`,
    );
  }
  switch (q.type) {
    case 'single':
      return { question: q.id, choice: optionOf(q, n, v) };
    case 'multiple': {
      // `1 3`, `1,3` or one option's text.
      const parts = /^\d+(?:[\s,]+\d+)*$/u.test(v) ? v.split(/[\s,]+/u) : [v];
      return { question: q.id, choices: [...new Set(parts.map((p) => optionOf(q, n, p)))] };
    }
    case 'scale': {
      const s = Number(v);
      if (!Number.isInteger(s) || s < SCALE_MIN || s > SCALE_MAX)
        throw new CommandError(`Question ${n} wants a number from ${SCALE_MIN} to ${SCALE_MAX}, not “${v}”.`);
      return { question: q.id, scale: s };
    }
    default:
      return { question: q.id, text: v };
  }
}

/** One person's merges into one survey's answer set, one after the other (each reads, then replaces the set). */
const merging = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = merging.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.catch(() => undefined);
  merging.set(key, settled);
  void settled.then(() => {
    if (merging.get(key) === settled) merging.delete(key);
  });
  return run;
}

export const answer = defineCommand({
  name: 'answer',
  summary: 'Answer one question of a survey (the buttons of `survey` run this; free text is typed).',
  help: 'The value by question: an option’s number (or its text) for one choice; numbers such as `1 3` for several choices (--toggle 2 adds or removes option 2); 1 to 5 for a scale; your words for free text. Answering again replaces that answer; your other answers stay.',
  examples: [
    'input:survey:3f2a… 1 2',
    'input:survey:3f2a… 2 --toggle 3',
    'input:survey:3f2a… 4 Drones are dropped at night',
  ],
  args: z.object({
    survey: idSchema.describe('the survey id'),
    question: z.string().regex(QUESTION, 'must be a question number, e.g. 2').describe('the question number (1, 2, …)'),
    value: z.string().max(10_000).optional().describe('the answer: an option number, 1-5, or your words'),
    toggle: z.number().int().min(1).optional().describe('several choices: add or remove this option'),
  }),
  positional: ['survey', 'question', 'value'],
  refs: ['survey'],
  permission: ANSWER_PERMISSION,
  replyPrivately: true,
  writes: true,
  async handler({ args, engine, caller, settings }) {
    const prefix = settings.commandPrefix;
    const actor = actorOf(caller);
    const before = await readSurvey(engine, args.survey, actor);
    const why = blocker(before, caller, await personCountry(engine, caller));
    if (why !== undefined) throw new CommandError(`You cannot answer “${before.survey.title}”: ${why}`);
    const n = questionNumber(before, args.question);
    const q = before.questions[n - 1] as SurveyQuestion;
    const key = `${caller.person}\u0000${before.survey.id}`;
    const after = await oneAtATime(key, async () => {
      // Read again inside the turn: an earlier click may have changed the set meanwhile.
      const current = await readSurvey(engine, before.survey.id, actor);
      const byId = new Map(current.questions.map((x) => [x.id, x]));
      const mine = mineFor(current, q);
      const next = newAnswer(q, n, mine, args.value, args.toggle);
      const others = (current.mine?.items ?? []).flatMap((item) => {
        const question = byId.get(item.q);
        return item.q === q.id || question === undefined ? [] : [inputOf(item, question)];
      });
      const answers = next === undefined ? others : [...others, next];
      if (answers.length === 0) {
        throw new CommandError(
          `Question ${n} needs one choice at least while it is your only answer: choose another option before removing this one.`,
        );
      }
      await answerSurvey(engine, current.survey.id, actor, { answers });
      return readSurvey(engine, current.survey.id, actor);
    });
    const stored = mineFor(after, q);
    const lead =
      stored === undefined
        ? `Removed your answer to question ${n}.`
        : `Recorded for question ${n}: ${answerText(stored)}.`;
    // Several choices: the same question again, to choose more; otherwise the next one not answered.
    if (q.type === 'multiple') return questionReply(after, n, { prefix, lead, tone: 'notice' });
    const following = nextUnanswered(after, n + 1 > after.questions.length ? 1 : n + 1);
    return following === undefined
      ? overviewReply(after, undefined, { prefix, lead, tone: 'notice' })
      : questionReply(after, following, { prefix, lead, tone: 'notice' });
  },
});
