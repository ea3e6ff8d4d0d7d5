/**
 * What the survey commands show (survey.ts): one question with its buttons, or every question with
 * the caller's answers, and why a caller may not answer. The button command lines are the
 * `answer` and `survey` commands of survey.ts.
 */
import { resolveActor, type SurveyView } from '../../engine/input/index.js';
import type { Engine } from '../../engine/service.js';
import { SCALE_MAX, SCALE_MIN, type SurveyAnswerItem, type SurveyQuestion } from '../../graph/index.js';
import type { Caller } from '../core/command.js';
import { mayRun } from '../core/identity.js';
import { clip, type Reply, type ReplyAction, type ReplyItem, reply } from '../core/reply.js';
import { actorOf } from './actor.js';

/** The permission answering needs: a survey answer is a vote of sorts (members have it, guests not). */
export const ANSWER_PERMISSION = 'vote';

/** An answer in words: the choices, the scale value, or the text (shortened). */
export function answerText(item: SurveyAnswerItem): string {
  if (item.choices !== undefined) return item.choices.map((c) => `“${c}”`).join(', ');
  if (item.scale !== undefined) return `${item.scale} of ${SCALE_MAX}`;
  return `“${clip(item.text ?? '', 200)}”`;
}

export const mineFor = (view: SurveyView, q: SurveyQuestion) => view.mine?.items.find((i) => i.q === q.id);

/** The stored country of the caller's person, as the engine checks a survey's audience against it. */
export async function personCountry(engine: Engine, caller: Caller): Promise<string | undefined> {
  if (caller.person === undefined) return undefined;
  try {
    return (await resolveActor(engine.store, actorOf(caller))).person?.country;
  } catch {
    // A person the bot config names but the store lacks: the engine refuses the answer with its reason.
    return undefined;
  }
}

/** Why the caller cannot answer this survey here, or undefined when they can. */
export function blocker(view: SurveyView, caller: Caller, country: string | undefined): string | undefined {
  if (!view.open) return `It closed on ${view.survey.closesAt.slice(0, 10)}.`;
  if (!mayRun(caller, ANSWER_PERMISSION))
    return `Your role (${caller.role}) may not answer surveys: it needs the “${ANSWER_PERMISSION}” permission.`;
  if (caller.person === undefined)
    return `To answer, your chat account must be linked to your person in ileanet: ask an administrator to add "${caller.key}" with your person id to the identities of the bot config.`;
  if (view.survey.audience !== undefined && country !== view.survey.audience)
    return `It asks the people of ${view.survey.audience}.`;
  return undefined;
}

/** The number (1-based) of the first question the caller has not answered, at or after `from`, wrapping; undefined when all are. */
export function nextUnanswered(view: SurveyView, from = 1): number | undefined {
  const n = view.questions.length;
  for (let k = 0; k < n; k++) {
    const i = ((from - 1 + k) % n) + 1;
    const q = view.questions[i - 1];
    if (q !== undefined && mineFor(view, q) === undefined) return i;
  }
  return undefined;
}

const answeredLine = (view: SurveyView) =>
  `You answered ${view.mine?.items.length ?? 0} of ${view.questions.length} · closes ${view.survey.closesAt.slice(0, 10)}`;

interface Shown {
  readonly prefix: string;
  /** A line before the question: what was just recorded. */
  readonly lead?: string;
  readonly tone?: Reply['tone'];
}

/** One question with its buttons: an option each (✓ on the caller's), 1 to 5, or how to type a text. */
export function questionReply(view: SurveyView, n: number, o: Shown): Reply {
  const q = view.questions[n - 1];
  if (q === undefined) throw new Error(`question ${n} is not in survey ${view.survey.id}`);
  const id = view.survey.id;
  const mine = mineFor(view, q);
  const total = view.questions.length;
  const hint =
    q.type === 'single'
      ? 'Choose one option.'
      : q.type === 'multiple'
        ? 'Choose any options: each button adds or removes one; “Done” when you have chosen.'
        : q.type === 'scale'
          ? `Choose from ${SCALE_MIN} (least) to ${SCALE_MAX} (most).`
          : `Answer in words: ${o.prefix} answer ${id} ${n} <your answer>`;
  const items: ReplyItem[] = (q.options ?? []).map((option, k) => {
    const chosen = mine?.choices?.includes(option) === true;
    const command = q.type === 'multiple' ? `answer ${id} ${n} --toggle ${k + 1}` : `answer ${id} ${n} ${k + 1}`;
    return {
      title: option,
      ...(chosen ? { facts: ['your answer'] } : {}),
      actions: [{ label: clip(`${chosen ? '✓ ' : ''}${k + 1}. ${option}`, 60), command }],
    };
  });
  const actions: ReplyAction[] = [];
  if (q.type === 'scale') {
    for (let v = SCALE_MIN; v <= SCALE_MAX; v++) {
      actions.push({ label: `${mine?.scale === v ? '✓ ' : ''}${v}`, command: `answer ${id} ${n} ${v}` });
    }
  }
  // Done: on to the first question not answered yet, or the overview when none is left.
  if (q.type === 'multiple') actions.push({ label: 'Done', command: `survey ${id}`, style: 'primary' });
  else if (n < total)
    actions.push({ label: mine === undefined ? 'Skip' : 'Next question', command: `survey ${id} ${n + 1}` });
  return reply({
    tone: o.tone ?? 'answer',
    title: view.survey.title,
    text: [
      o.lead,
      // What the survey is for, once, before its first question.
      n === 1 && o.lead === undefined && view.survey.description !== undefined
        ? clip(view.survey.description, 600)
        : undefined,
      `Question ${n} of ${total}: ${q.prompt}`,
      hint,
      mine === undefined || q.type === 'single' || q.type === 'multiple'
        ? undefined
        : `Your answer: ${answerText(mine)}`,
    ]
      .filter((l) => l !== undefined)
      .join('\n'),
    sections: items.length === 0 ? [] : [{ title: 'Options', items }],
    actions,
    footer: answeredLine(view),
    visibility: view.survey.visibility,
  });
}

/** Every question with the caller's answer; "Change" buttons when they may answer. */
export function overviewReply(view: SurveyView, why: string | undefined, o: Shown): Reply {
  const id = view.survey.id;
  const items: ReplyItem[] = view.questions.map((q, i) => {
    const mine = mineFor(view, q);
    return {
      title: q.prompt,
      facts: [
        q.type === 'single'
          ? 'one choice'
          : q.type === 'multiple'
            ? 'several choices'
            : q.type === 'scale'
              ? `${SCALE_MIN}–${SCALE_MAX}`
              : 'free text',
      ],
      ...(mine === undefined ? {} : { why: `your answer: ${answerText(mine)}` }),
      ...(why === undefined
        ? {
            actions: [
              { label: `${mine === undefined ? 'Answer' : 'Change'} ${i + 1}`, command: `survey ${id} ${i + 1}` },
            ],
          }
        : {}),
    };
  });
  const status =
    why ??
    (nextUnanswered(view) === undefined
      ? 'You answered every question: thank you. Change any answer below.'
      : undefined);
  return reply({
    tone: o.tone ?? 'answer',
    title: view.survey.title,
    text: [o.lead, view.survey.description === undefined ? undefined : clip(view.survey.description, 600), status]
      .filter((l) => l !== undefined)
      .join('\n'),
    sections: [{ title: 'Questions', items }],
    footer: answeredLine(view),
    visibility: view.survey.visibility,
  });
}
