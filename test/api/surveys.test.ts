/**
 * Surveys over HTTP: created by INCs and administrators with four kinds of question, answered once
 * per person (replaced until closing), results with counts, a histogram and a mean, free text as
 * the rules allow, a free-text answer turned into a challenge, and the 4xx for bad input naming
 * the field. Parallel answers lose nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerId,
  answerSurvey,
  type ProposedChallenge,
  type SurveyResults,
  type SurveyView,
} from '../../engine/input/index.js';
import type { CreatedSurvey } from '../../engine/input/survey-create.js';
import { SYSTEM } from '../../graph/viewer.js';
import { type ApiFixture, DEMO, json, openApi, type TokenName } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
});
afterAll(async () => {
  await f?.close();
});

const enc = encodeURIComponent;
const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const post = (who: TokenName, url: string, payload: unknown) =>
  f.as(who, { method: 'POST', url, payload: payload as Record<string, unknown> });
const problem = (r: Awaited<ReturnType<typeof post>>) => [
  r.statusCode,
  json<{ code: string }>(r).code,
  json<{ field?: string }>(r).field,
];

const QUESTIONS = [
  { type: 'single', prompt: 'Which threat first?', options: ['Drones', 'Deepfakes', 'Ransomware'] },
  { type: 'multiple', prompt: 'Which tools do you use?', options: ['Jammers', 'Radar', 'Nets'] },
  { type: 'scale', prompt: 'How ready is your unit?' },
  { type: 'text', prompt: 'What need is not met today?' },
];
const base = { title: 'Counter-drone readiness', questions: QUESTIONS, closesAt: future };

async function create(who: TokenName = 'inc', extra: Record<string, unknown> = {}): Promise<CreatedSurvey> {
  const r = await post(who, '/api/surveys', { ...base, ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return json<CreatedSurvey>(r);
}
const answer = (who: TokenName, id: string, answers: unknown[]) =>
  post(who, `/api/surveys/${enc(id)}/answers`, { answers });
const results = async (who: TokenName, id: string) =>
  json<SurveyResults>(await f.as(who, { url: `/api/surveys/${enc(id)}/results` }));

describe('surveys', () => {
  it('created, answered once per person (a new answer replaces it), with counts, histogram and mean', async () => {
    const { survey, questions, createdBy } = await create('inc');
    expect(createdBy).toBe(DEMO.inc.person);
    expect(questions.map((q) => [q.id, q.type])).toEqual([
      ['q1', 'single'],
      ['q2', 'multiple'],
      ['q3', 'scale'],
      ['q4', 'text'],
    ]);
    const first = await answer('officer', survey.id, [
      { question: 'q1', choice: 'Drones' },
      { question: 'q2', choices: ['Nets', 'radar'] },
      { question: 'q3', scale: 2 },
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(json<{ replaced: boolean }>(first).replaced).toBe(false);
    const again = await answer('officer', survey.id, [
      { question: 'q1', choice: 'Deepfakes' },
      { question: 'q3', scale: 4 },
      { question: 'q4', text: 'Detecting drones in fog. Radar misses them.' },
    ]);
    expect(json<{ replaced: boolean }>(again).replaced).toBe(true);
    expect((await answer('policy', survey.id, [{ question: 'q3', scale: 5 }])).statusCode).toBe(200);
    expect(
      (
        await answer('inc', survey.id, [
          { question: 'q1', choice: 'Deepfakes' },
          { question: 'q4', text: 'Budget' },
        ])
      ).statusCode,
    ).toBe(200);

    const r = await results('admin', survey.id);
    expect(r.respondents).toBe(3);
    const [q1, q2, q3, q4] = r.questions;
    expect(q1).toMatchObject({
      answered: 2,
      options: [
        { option: 'Drones', count: 0 },
        { option: 'Deepfakes', count: 2 },
        { option: 'Ransomware', count: 0 },
      ],
    });
    // The officer's first answer (q2) was replaced: nothing of it is left.
    expect(q2).toMatchObject({ answered: 0 });
    expect(q3).toMatchObject({
      answered: 2,
      mean: 4.5,
      histogram: [1, 2, 3, 4, 5].map((value) => ({ value, count: value >= 4 ? 1 : 0 })),
    });
    expect(q4?.type === 'text' ? q4.texts.map((t) => t.text).sort() : []).toEqual([
      'Budget',
      'Detecting drones in fog. Radar misses them.',
    ]);

    // Free text: the creator (INC) and admins read all; a member reads their own only.
    expect((await results('inc', survey.id)).questions[3]).toMatchObject({ allTexts: true });
    const officer = (await results('officer', survey.id)).questions[3];
    expect(officer).toMatchObject({ allTexts: false, answered: 2 });
    expect(officer?.type === 'text' ? officer.texts.map((t) => t.text) : []).toEqual([
      'Detecting drones in fog. Radar misses them.',
    ]);
    expect((await results('policy', survey.id)).questions[3]).toMatchObject({ texts: [] });

    const view = json<SurveyView>(await f.as('officer', { url: `/api/surveys/${enc(survey.id)}` }));
    expect(view).toMatchObject({ open: true, answers: 3 });
    expect(view.mine?.items.map((i) => i.q)).toEqual(['q1', 'q3', 'q4']);
    const list = json<{ surveys: SurveyView[] }>(await f.as('officer', { url: '/api/surveys' }));
    expect(list.surveys.map((s) => s.survey.id)).toContain(survey.id);
    const stored = await f.demo.store.relationships({ type: 'ANSWERED', from: [DEMO.officer.person] }, SYSTEM);
    expect(stored.items).toHaveLength(1);
  });

  it('parallel answers by many people (and repeated ones) lose nothing', async () => {
    const { survey } = await create();
    const people = await f.demo.store.list({ kind: 'Person', where: { visibility: 'network' }, limit: 40 }, SYSTEM);
    // Every person answers twice at once through the engine (the route is covered above): one set each stays.
    const ids = people.items.map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const outcomes = await Promise.allSettled(
      ids.flatMap((person, i) =>
        [3, 5].map((scale) =>
          answerSurvey(
            f.demo.engine,
            survey.id,
            { viewer: { id: `test:${person}`, clearance: 'network', orgs: [] }, person },
            { answers: [{ question: 'q3', scale: i % 2 === 0 ? scale : 1 }] },
          ),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const r = await results('admin', survey.id);
    expect(r.respondents).toBe(ids.length);
    expect(r.questions[2]).toMatchObject({ answered: ids.length });
    // HTTP: parallel answers by the token holders, every one kept.
    const who: TokenName[] = ['officer', 'nordmark', 'inc', 'policy'];
    const sent = await Promise.all(who.map((w) => answer(w, survey.id, [{ question: 'q1', choice: 'Radar' }])));
    expect(sent.map((s) => s.statusCode)).toEqual(who.map(() => 400));
    const ok = await Promise.all(who.map((w) => answer(w, survey.id, [{ question: 'q1', choice: 'Drones' }])));
    expect(ok.map((s) => s.statusCode)).toEqual(who.map(() => 200));
    expect((await results('admin', survey.id)).questions[0]).toMatchObject({
      options: [
        { option: 'Drones', count: who.length },
        { option: 'Deepfakes', count: 0 },
        { option: 'Ransomware', count: 0 },
      ],
    });
  });

  it('bad surveys are a 400 naming the field; officers may not create them; an INC asks its own country', async () => {
    const q = (i: number, patch: Record<string, unknown>) =>
      QUESTIONS.map((x, j) => (j === i ? { ...x, ...patch } : x));
    const cases: [Record<string, unknown>, unknown[]][] = [
      [{ closesAt: '2020-01-01' }, [400, 'ERR_INVALID_INPUT', 'closesAt']],
      [{ questions: [] }, [400, 'ERR_VALIDATION', 'questions']],
      [{ questions: q(0, { options: [] }) }, [400, 'ERR_INVALID_INPUT', 'questions[0].options']],
      [{ questions: q(1, { options: ['Nets', ' nets'] }) }, [400, 'ERR_INVALID_INPUT', 'questions[1].options[1]']],
      [{ questions: q(2, { options: ['a', 'b'] }) }, [400, 'ERR_INVALID_INPUT', 'questions[2].options']],
      [{ questions: q(0, { options: ['Drones', ''] }) }, [400, 'ERR_VALIDATION', 'questions[0].options[1]']],
      [{ audience: 'FR' }, [403, 'ERR_FORBIDDEN', 'audience']],
    ];
    for (const [patch, expected] of cases) {
      expect(problem(await post('inc', '/api/surveys', { ...base, ...patch })), JSON.stringify(patch)).toEqual(
        expected,
      );
    }
    expect((await post('officer', '/api/surveys', base)).statusCode).toBe(403);
  });

  it('bad answers name the field; a closed survey is a 409, another country’s a 403, a hidden one a 404', async () => {
    const { survey } = await create();
    const cases: [unknown[], unknown[]][] = [
      [[{ question: 'q9', text: 'x' }], [400, 'ERR_INVALID_INPUT', 'answers[0].question']],
      [[{ question: 'q3', scale: 6 }], [400, 'ERR_INVALID_INPUT', 'answers[0].scale']],
      [[{ question: 'q3', scale: 0 }], [400, 'ERR_INVALID_INPUT', 'answers[0].scale']],
      [[{ question: 'q3', scale: 2.5 }], [400, 'ERR_INVALID_INPUT', 'answers[0].scale']],
      [[{ question: 'q1', choice: 'Tanks' }], [400, 'ERR_INVALID_OPTION', 'answers[0].choice']],
      [[{ question: 'q1', choices: ['Drones'] }], [400, 'ERR_INVALID_INPUT', 'answers[0].choices']],
      [[{ question: 'q2', choices: ['Nets', 'nets'] }], [400, 'ERR_INVALID_INPUT', 'answers[0].choices[1]']],
      [[{ question: 'q4', text: '  ' }], [400, 'ERR_INVALID_INPUT', 'answers[0].text']],
      [
        [
          { question: 'q4', text: 'a' },
          { question: 'q4', text: 'b' },
        ],
        [400, 'ERR_INVALID_INPUT', 'answers[1].question'],
      ],
      [[], [400, 'ERR_VALIDATION', 'answers']],
    ];
    for (const [answers, expected] of cases) {
      expect(problem(await answer('officer', survey.id, answers)), JSON.stringify(answers)).toEqual(expected);
    }
    expect(await results('admin', survey.id)).toMatchObject({ respondents: 0 });

    const be = await create('inc', { audience: 'BE' });
    expect(problem(await answer('officer', be.survey.id, [{ question: 'q3', scale: 3 }]))).toEqual([
      403,
      'ERR_FORBIDDEN',
      'audience',
    ]);

    // Closed: written straight to the store, as a survey whose date passed.
    const closed = { ...survey, id: 'test:survey:closed', closesAt: '2021-01-01' };
    await f.demo.store.upsert({ nodes: [closed] });
    expect(problem(await answer('officer', closed.id, [{ question: 'q3', scale: 3 }]))).toEqual([
      409,
      'ERR_SURVEY_CLOSED',
      undefined,
    ]);

    // Restricted to another organisation: every route answers as for a missing survey.
    const hidden = {
      ...survey,
      id: 'test:survey:hidden',
      visibility: 'restricted' as const,
      owner: DEMO.nordmark.organisation,
    };
    await f.demo.store.upsert({ nodes: [hidden] });
    for (const id of [hidden.id, 'test:survey:nowhere']) {
      expect((await f.as('officer', { url: `/api/surveys/${enc(id)}` })).statusCode).toBe(404);
      expect((await f.as('officer', { url: `/api/surveys/${enc(id)}/results` })).statusCode).toBe(404);
      expect(problem(await answer('officer', id, [{ question: 'q3', scale: 3 }]))).toEqual([
        404,
        'ERR_SURVEY_NOT_FOUND',
        'id',
      ]);
    }
    expect((await f.as('nordmark', { url: `/api/surveys/${enc(hidden.id)}` })).statusCode).toBe(200);
    const list = json<{ surveys: SurveyView[] }>(await f.as('officer', { url: '/api/surveys' }));
    expect(list.surveys.map((s) => s.survey.id)).not.toContain(hidden.id);
  });

  it('a free-text answer becomes a challenge (with similar ones), once; or is linked to an existing one', async () => {
    const { survey } = await create('inc');
    const text = 'Drones drop contraband into prison yards at night. We cannot see them.';
    await answer('officer', survey.id, [{ question: 'q4', text }]);
    await answer('policy', survey.id, [{ question: 'q4', text: 'Same as the drone drops over prisons' }]);
    const all = (await results('admin', survey.id)).questions[3];
    const texts = all?.type === 'text' ? all.texts : [];
    const officers = texts.find((t) => t.text === text);
    const other = texts.find((t) => t.text !== text);
    if (officers === undefined || other === undefined) throw new Error('both answers should be listed');
    const url = (a: string) => `/api/surveys/${enc(survey.id)}/answers/${enc(a)}/challenge`;

    // Another member may not see the officer's words: as if the answer did not exist.
    expect(problem(await post('policy', url(officers.answer), { question: 'q4' }))).toEqual([
      404,
      'ERR_ANSWER_NOT_FOUND',
      'answerId',
    ]);
    expect(problem(await post('officer', url(officers.answer), { question: 'q3' }))).toEqual([
      400,
      'ERR_INVALID_INPUT',
      'question',
    ]);
    const made = await post('officer', url(officers.answer), { question: 'q4' });
    expect(made.statusCode, made.body).toBe(201);
    const created = json<ProposedChallenge>(made);
    expect(created.linked).toBe(false);
    if (created.linked) throw new Error('expected a new challenge');
    expect(created.challenge).toMatchObject({
      title: 'Drones drop contraband into prison yards at night.',
      description: text,
    });
    expect(created.similar.challenges.length).toBeGreaterThan(0);
    expect(problem(await post('inc', url(officers.answer), { question: 'q4' }))).toEqual([
      409,
      'ERR_ALREADY_PROPOSED',
      'answerId',
    ]);
    // The INC (creator) links the second answer to the new challenge instead of a second copy.
    const linked = json<ProposedChallenge>(
      await post('inc', url(other.answer), { question: 'q4', duplicateOf: created.challenge.id }),
    );
    expect(linked).toMatchObject({ linked: true, challenge: { id: created.challenge.id } });
    const after = (await results('admin', survey.id)).questions[3];
    expect(after?.type === 'text' ? after.texts.map((t) => t.challenges) : []).toEqual([
      [created.challenge.id],
      [created.challenge.id],
    ]);
  });

  it('participation per country counts survey answers and comments under the author’s country', async () => {
    const cycle = async () => (await f.demo.engine.trends({}, f.viewer('admin'))).cycle;
    const be = (x: Awaited<ReturnType<typeof cycle>>) => x.participation.find((p) => p.country === 'BE');
    const before = be(await cycle());
    const { survey } = await create();
    await answer('inc', survey.id, [{ question: 'q3', scale: 3 }]);
    await answer('inc', survey.id, [{ question: 'q3', scale: 4 }]);
    const c = await f.demo.store.list({ kind: 'Challenge', where: { visibility: 'network' }, limit: 1 }, SYSTEM);
    const on = c.items[0]?.id ?? '';
    const commented = await post('inc', `/api/challenges/${enc(on)}/comments`, { text: 'Seen in Ghent too' });
    expect(commented.statusCode, commented.body).toBe(201);
    const after = be(await cycle());
    expect(after?.surveyAnswers).toBe((before?.surveyAnswers ?? 0) + 1);
    expect(after?.comments).toBe((before?.comments ?? 0) + 1);
    const brief = await f.demo.engine.report(f.viewer('admin'));
    expect(brief).toContain('Survey answers');
  });

  it('erasure: the export lists the answers; afterwards counts stay, the text, the link and the old id go', async () => {
    const { survey } = await create();
    const words = 'Our unit in Nordmark needs thermal cameras';
    await answer('nordmark', survey.id, [
      { question: 'q1', choice: 'Ransomware' },
      { question: 'q4', text: words },
    ]);
    const oldId = answerId(survey.id, DEMO.nordmark.person);
    // Before: the feed names the answer's digest id (so the check after the erasure can fail).
    expect(JSON.stringify((await f.demo.store.changes(0, 100_000)).changes)).toContain(oldId);
    const exported = await f.as('admin', { url: `/api/admin/persons/${DEMO.nordmark.person}/export` });
    expect(JSON.stringify(json(exported))).toContain(words);
    const erased = await f.as('admin', {
      method: 'POST',
      url: '/api/admin/erasures',
      payload: { person: DEMO.nordmark.person, reason: 'asked' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const r = await results('admin', survey.id);
    expect(r.respondents).toBe(1);
    expect(r.questions[0]).toMatchObject({ options: [{ count: 0 }, { count: 0 }, { count: 1 }] });
    expect(r.questions[3]).toMatchObject({ answered: 0, texts: [] });
    expect(await f.demo.store.getNode(oldId, SYSTEM)).toBeUndefined();
    const feed = JSON.stringify((await f.demo.store.changes(0, 100_000)).changes);
    expect(feed).not.toContain(oldId);
    const stored = await f.demo.store.list({ kind: 'SurveyAnswer', where: { survey: survey.id } }, SYSTEM);
    expect(JSON.stringify(stored.items)).not.toContain(words);
    expect(stored.items).toHaveLength(1);
  }, 60_000);
});
