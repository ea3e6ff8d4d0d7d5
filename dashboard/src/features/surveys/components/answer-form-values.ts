/**
 * What the answer form holds and what it sends: per question, the chosen options, the scale value
 * or the text; questions left blank are not sent (a survey takes the questions a person answers).
 */
import type { QuestionResult, SurveyView } from '../../../lib/types.js';

/** One answer as the API takes it (engine/input/surveys.ts). */
export interface AnswerInput {
  readonly question: string;
  readonly choice?: string;
  readonly choices?: readonly string[];
  readonly scale?: number;
  readonly text?: string;
}

export type FormValues = Readonly<Record<string, readonly string[]>>;

/** The form's starting values: the person's own answers when they gave some, else blank. */
export function initialValues(view: SurveyView): FormValues {
  const out: Record<string, string[]> = {};
  for (const item of view.mine?.items ?? []) {
    out[item.q] = item.choices?.slice() ?? (item.scale !== undefined ? [String(item.scale)] : [item.text ?? '']);
  }
  return out;
}

/** The answers to send, in question order; blank questions left out. */
export function answersFrom(view: SurveyView, values: FormValues): AnswerInput[] {
  return view.questions.flatMap((q): AnswerInput[] => {
    const given = (values[q.id] ?? []).filter((v) => v.trim() !== '');
    if (given.length === 0) return [];
    switch (q.type) {
      case 'single':
        return [{ question: q.id, choice: given[0] ?? '' }];
      case 'multiple':
        return [{ question: q.id, choices: given }];
      case 'scale':
        return [{ question: q.id, scale: Number(given[0]) }];
      case 'text':
        return [{ question: q.id, text: given[0] ?? '' }];
      default:
        return [];
    }
  });
}

/** A question's results as chart rows: options with counts, or the scale's 1–5 with counts. */
export function chartRows(result: QuestionResult): { label: string; count: number }[] {
  if (result.type === 'scale') return result.histogram.map((h) => ({ label: String(h.value), count: h.count }));
  if (result.type === 'text') return [];
  return result.options.map((o) => ({ label: o.option, count: o.count }));
}
