/**
 * Who has solved X: retrieval (BM25 + dense, fused), graph evidence, ranking, diversity,
 * explanations. `createMatcher` wires the parts once (store, lexical index, dense side);
 * each call runs for one viewer, who never sees, and never benefits from, a hidden node.
 */
import type { GraphStore } from '../../graph/index.js';
import { type Viewer, viewerClass } from '../../graph/index.js';
import { USEM3 } from '../embed/index.js';
import { calibrateFloor, embedProbes, judge, LEXICAL_SUPPORT, type RelevanceFloor } from './abstain.js';
import type { Abstention, Answer, AnswerLanguage, RelatedChallenge } from './answer.js';
import { englishSpellings } from './cognates.js';
import { denseKeep, denseTopK } from './dense-keep.js';
import { MatchError } from './errors.js';
import { DEFAULT_LIMITS, Evidence, type EvidenceLimits } from './evidence.js';
import { cognateWords, detectLanguage, queryTermsIn, stopsOf } from './language.js';
import { LEXICAL_KINDS, type LexicalKind } from './lexical.js';
import { type Lexicons, translatedTerms } from './lexicon.js';
import { matchNeed, needText } from './match-need.js';
import type { DenseSide, LexicalSearch, MatchLog } from './ports.js';
import {
  ANSWER_KINDS,
  type AnswerKind,
  type MatchNeedOptions,
  parseChallengeId,
  parseFilters,
  parseQueryText,
  type ResolvedFilters,
  type WhoSolvedFilters,
} from './query.js';
import { DEFAULT_TUNING, type RankInput, type RankTuning, rank, scoreAll } from './rank.js';
import { corpusSense, firstSense, meaningSense, type Rendering, renderEnglish, renderedTerms } from './render.js';
import { queryVector, retrieve } from './retrieve.js';
import { term } from './text.js';
import { tallyChallenges, type VoteTally } from './votes.js';

export interface MatcherOptions {
  readonly store: GraphStore;
  readonly lexical: LexicalSearch;
  /** The dense side; absent means hybrid and dense requests fail with ERR_DENSE_UNAVAILABLE. */
  readonly dense?: DenseSide;
  /** Why the dense side is absent (e.g. the model file is missing), for that error's message. */
  readonly denseProblem?: string;
  /**
   * A dense side for questions in languages the default one does not cover (USE Multilingual,
   * engine/embed/models.ts USEM3), over its own vector index. Absent: such questions are
   * answered from the words they share with the texts, and say so.
   */
  readonly multilingual?: DenseSide;
  /** Why `multilingual` is absent, for the answer's note. */
  readonly multilingualProblem?: string;
  /**
   * Fusion weights for a question read in another language: `same` (default) keeps them, `swap`
   * gives the lexical side the dense side's weight and the dense side the lexical one's.
   * bench:languages measured both: no gain from the trade on average, so the weights stay.
   */
  readonly crossLingual?: 'swap' | 'same';
  /**
   * Whether the words of a question in another language also search the English index terms
   * spelt like them (cognates: "infraestructura" → "infrastructure"); default true.
   */
  readonly cognates?: boolean;
  /**
   * Bilingual dictionaries (./lexicon.ts): the words of a question in one of their languages
   * are also searched under their English translations, as a ranked list of their own
   * (./retrieve.ts). Absent (not provisioned), such questions are read as before: their own
   * words, English-side forms and cognates.
   */
  readonly lexicons?: Lexicons;
  /**
   * How translations are used (bench:languages compares the choices): `perWord` translations
   * kept per word (default 1: the dictionary's first sense); `list` `merged` (default: added to
   * the question's words) or `own` (searched as a ranked list of their own, fused beside them);
   * `minHeadwords` (default MIN_HEADWORDS), the smallest lexicon used at all.
   */
  readonly translation?: {
    readonly perWord?: number;
    readonly list?: 'own' | 'merged';
    readonly minHeadwords?: number;
    /**
     * `dictionary` (default): a word's translations as the dictionary lists them; `corpus`: most
     * used in the project texts first. bench:languages measured corpus order worse on the tuning
     * half (German lost more than Polish gained), so the dictionary's order stands.
     */
    readonly order?: 'corpus' | 'dictionary';
  };
  /**
   * A question in another language rendered in English with its lexicon (./render.ts) and read
   * by the default model as a further dense list (RankTuning.renderedWeight); needs `lexicons`
   * and a default model that reads English. `senses` picks each word's sense: `meaning`
   * (default: the multilingual model's closest to the word and the question, among senses the
   * texts use), `corpus` (the sense the texts use most), `first` (the dictionary's order), `off`
   * (no rendering). `lexical` `replace` (default) searches the rendering's terms as the
   * translations (instead of each word's first senses: the sense chosen in context, cognates
   * included), `add` beside them, `none` leaves the lexical side as it is (bench:languages: with
   * the wordnet and pivot lexicons `replace` gained on the tuning half in five languages of six). `minHeadwords` (default RENDER_MIN_HEADWORDS): the smallest lexicon
   * rendered with. On by default wherever a lexicon, the multilingual side and an English
   * default model are all there.
   */
  readonly rendering?: {
    readonly senses?: 'meaning' | 'corpus' | 'first' | 'off';
    /** With `meaning`: the weight of the texts' use of a sense beside its closeness (default SENSE_PRIOR; ./render.ts meaningSense). */
    readonly prior?: number;
    readonly lexical?: 'replace' | 'add' | 'none';
    readonly minHeadwords?: number;
  };
  readonly tuning?: Partial<RankTuning>;
  readonly limits?: Partial<EvidenceLimits>;
  /**
   * Abstention in hybrid and dense mode (engine/match/abstain.ts): `calibrate` (default) learns
   * the floor from off-topic probes at the first dense request; a RelevanceFloor pins it; `off`
   * always answers with the nearest neighbours.
   */
  readonly abstention?: 'calibrate' | 'off' | RelevanceFloor;
  /** Clock for recency (tests pin it). */
  readonly now?: () => Date;
  readonly log?: MatchLog;
}

export interface Matcher {
  /** Ranked people, organisations and works for a free-text need. Throws MatchError on bad input. */
  whoSolved(text: string, filters: WhoSolvedFilters | undefined, viewer: Viewer): Promise<Answer>;
  /** Experts and mature results for a stored challenge (the challenge itself left out). */
  matchNeed(challengeId: string, viewer: Viewer, options?: MatchNeedOptions): Promise<Answer>;
  /**
   * The relevance floor calibrated for this viewer's visibility class (engine/match/abstain.ts),
   * or undefined when there is no dense side or abstention is off: how close off-topic questions
   * get to each kind, the scale a need-to-work similarity is judged on.
   */
  relevanceFloor(viewer: Viewer): Promise<RelevanceFloor | undefined>;
  /**
   * The `k` works of each kind (Project, Result, Document) nearest in meaning to a stored need's
   * text, among those the viewer may see, nearest first, with their cosines; empty without a
   * dense side. The need is embedded as match-need embeds it, so the cosines compare with its
   * evidence items' similarity. Throws MatchError when the need is missing or hidden.
   */
  needNeighbours(challengeId: string, viewer: Viewer, k: number): Promise<NeedNeighbour[]>;
}

export interface NeedNeighbour {
  readonly kind: 'Project' | 'Result' | 'Document';
  readonly id: string;
  readonly cosine: number;
}

/** A request after validation, as the core runs it. */
export interface MatchRequest {
  readonly text: string;
  readonly filters: ResolvedFilters;
  readonly viewer: Viewer;
  /** Ids never returned (match-need: the challenge itself). */
  readonly exclude?: ReadonlySet<string>;
  /** Topics that count as evidence (match-need: the challenge's ABOUT topics). */
  readonly topics?: ReadonlySet<string>;
  /** Challenges whose addressing works are evidence whatever the text says (match-need: the challenge). */
  readonly needs?: readonly { id: string; relevance: number }[];
}

const DEFAULT_KINDS: readonly AnswerKind[] = ANSWER_KINDS;

export function createMatcher(options: MatcherOptions): Matcher {
  const tuning: RankTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const limits: EvidenceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // One calibration per dense side: cosines of one model say nothing about another's.
  const probes = new Map<DenseSide, Promise<Float32Array[]>>();
  const floors = new Map<string, Promise<RelevanceFloor>>();
  const abstention = options.abstention ?? 'calibrate';
  const floorOf = (viewer: Viewer, dense: DenseSide | undefined): Promise<RelevanceFloor> | undefined => {
    if (abstention === 'off' || dense === undefined) return undefined;
    if (abstention !== 'calibrate') return Promise.resolve(abstention);
    // The probes are embedded once per side and searched once per visibility class; a failed
    // calibration is retried at the next request rather than cached.
    const key = `${dense === options.dense ? 'default' : 'multilingual'}\u0000${viewerClass(viewer)}`;
    let floor = floors.get(key);
    if (floor === undefined) {
      let vectors = probes.get(dense);
      if (vectors === undefined) {
        vectors = embedProbes(dense).catch((e: unknown) => {
          probes.delete(dense);
          throw e;
        });
        probes.set(dense, vectors);
      }
      floor = vectors
        .then((v) => calibrateFloor(dense, v, (kind) => denseKeep(options.lexical, options.store, kind, viewer)))
        .catch((e: unknown) => {
          floors.delete(key);
          throw e;
        });
      floors.set(key, floor);
    }
    return floor;
  };
  const run = (req: MatchRequest) => runMatch(options, tuning, limits, req, floorOf);
  return {
    async whoSolved(text, filters, viewer) {
      const query = parseQueryText(text);
      return run({ text: query, filters: parseFilters(filters), viewer });
    },
    matchNeed: (challengeId, viewer, needOptions) => matchNeed(options.store, run, challengeId, viewer, needOptions),
    relevanceFloor: async (viewer) => floorOf(viewer, options.dense),
    async needNeighbours(challengeId, viewer, k) {
      const dense = options.dense;
      if (dense === undefined) return [];
      const node = await options.store.getNode(parseChallengeId(challengeId), viewer);
      if (node?.kind !== 'Challenge')
        throw new MatchError('ERR_CHALLENGE_NOT_FOUND', `no challenge ${challengeId} (or you may not see it)`);
      const vector = await queryVector({ dense, denseProblem: options.denseProblem, text: needText(node) });
      const out: NeedNeighbour[] = [];
      for (const kind of ['Project', 'Result', 'Document'] as const) {
        const hits = await denseTopK(
          dense.index,
          kind,
          vector,
          k,
          denseKeep(options.lexical, options.store, kind, viewer),
          Number.NEGATIVE_INFINITY,
        );
        for (const h of hits) out.push({ kind, id: h.id, cosine: h.score });
      }
      return out;
    },
  };
}

function describeFilters(f: ResolvedFilters): string {
  const parts = [
    f.country === undefined ? undefined : `country ${f.country}`,
    f.orgKind === undefined ? undefined : `organisation kind ${f.orgKind}`,
    f.minTrl === undefined ? undefined : `TRL ${f.minTrl} or more`,
  ].filter((p) => p !== undefined);
  return parts.join(', ');
}

export async function runMatch(
  o: MatcherOptions,
  shippedTuning: RankTuning,
  limits: EvidenceLimits,
  req: MatchRequest,
  floorOf: (viewer: Viewer, dense: DenseSide | undefined) => Promise<RelevanceFloor> | undefined = () => undefined,
): Promise<Answer> {
  const started = performance.now();
  const { viewer } = req;
  const read = readLanguage(o, req.text, req.filters.mode);
  const f: ResolvedFilters = { ...req.filters, mode: read.mode };
  const kinds = f.kinds ?? DEFAULT_KINDS;
  const exclude = req.exclude ?? new Set<string>();
  const topics = req.topics ?? new Set<string>();
  const language = read.language;
  const own =
    language === undefined || o.cognates === false
      ? read.terms
      : [...new Set([...read.terms, ...(await cognates(o.lexical, req.text, language.code, viewer))])];
  const found = language === undefined ? undefined : o.lexicons?.get(language.code);
  const lexicon = (found?.size ?? 0) >= (o.translation?.minHeadwords ?? MIN_HEADWORDS) ? found : undefined;
  const rendered =
    language === undefined ? undefined : await renderQuestion(o, req.text, language.code, read.dense, f.mode, viewer);
  const renderedLexical = o.rendering?.lexical ?? 'replace';
  const extra = rendered !== undefined && renderedLexical !== 'none' ? renderedTerms(rendered.rendering) : undefined;
  // Each word's first senses, unless the rendering's words (chosen in context) replace them.
  const firstSenses =
    lexicon === undefined || language === undefined || (extra !== undefined && renderedLexical === 'replace')
      ? []
      : translatedTerms(lexicon, req.text, stopsOf(language.code), {
          perWord: o.translation?.perWord ?? 1,
          ...(o.translation?.order === 'corpus'
            ? { frequency: (t: string) => o.lexical.frequency?.('Project', t, viewer) ?? 0 }
            : {}),
        });
  const translated = extra === undefined ? firstSenses : [...new Set([...firstSenses, ...extra])];
  // The answer's terms (snippets, explanations) hold both; retrieval keeps them in two lists.
  const terms = [...new Set([...own, ...translated])];
  const separate = o.translation?.list === 'own';
  const tuning: RankTuning =
    language?.meaning === true && o.crossLingual === 'swap'
      ? { ...shippedTuning, lexicalWeight: shippedTuning.denseWeight, denseWeight: shippedTuning.lexicalWeight }
      : shippedTuning;
  // Works and challenges are searched whatever kinds are asked for: they are the evidence.
  const searched = LEXICAL_KINDS.filter(
    (k: LexicalKind) => k === 'Project' || k === 'Result' || k === 'Document' || k === 'Challenge' || kinds.includes(k),
  );
  const got = await retrieve({
    store: o.store,
    lexical: o.lexical,
    dense: read.dense,
    denseProblem: o.denseProblem,
    text: req.text,
    terms: separate ? own : terms,
    ...(separate && translated.length > 0 ? { translated } : {}),
    ...(rendered === undefined ? {} : { rendered: rendered.search }),
    kinds: searched,
    mode: f.mode,
    exclude,
    tuning,
    viewer,
  });

  const floor = f.mode === 'lexical' ? undefined : await floorOf(viewer, read.dense);
  const verdict = floor === undefined ? undefined : judge(floor, got.support);
  const abstained: Abstention | undefined =
    verdict === undefined || verdict.answer
      ? undefined
      : {
          reason: `nothing in the network is close enough to "${req.text}": its best match in meaning (${verdict.cosine.toFixed(2)}) is no closer than off-topic questions get${verdict.lexicalCoverage > LEXICAL_SUPPORT ? '' : ', and no work holds more than half of its words'}`,
          suggestion: 'raise-challenge',
          support: {
            kind: verdict.kind ?? null,
            cosine: round4(verdict.cosine),
            weakFloor: verdict.floor === undefined ? null : round4(verdict.floor.weak),
            strongFloor: verdict.floor === undefined ? null : round4(verdict.floor.strong),
            lexicalCoverage: round4(verdict.lexicalCoverage),
          },
        };
  const retrieved = performance.now();
  const filters = {
    ...(f.country === undefined ? {} : { country: f.country }),
    ...(f.orgKind === undefined ? {} : { orgKind: f.orgKind }),
    ...(f.minTrl === undefined ? {} : { minTrl: f.minTrl }),
    kinds,
    limit: f.limit,
    ...(f.perKind === undefined ? {} : { perKind: f.perKind }),
  };
  if (abstained !== undefined) {
    // No evidence walks: nothing found is worth explaining.
    return {
      query: req.text,
      terms,
      mode: f.mode,
      filters,
      hits: [],
      empty: `${abstained.reason}. Raise it as a challenge so that members who can solve it see it`,
      abstained,
      ...(language === undefined ? {} : { language }),
      stats: {
        lexical: got.lexicalCount,
        dense: got.denseCount,
        walks: 0,
        ms: ms(performance.now() - started),
        phases: { retrieve: ms(retrieved - started), evidence: 0, rank: 0 },
      },
    };
  }
  // The open challenges shown beside the answer need only what retrieval found: read while the evidence is walked.
  const relatedSoon = relatedChallenges(o.store, got, viewer);
  relatedSoon.catch(() => undefined); // an evidence failure may come first; the failure is reported where it is awaited
  const ev = new Evidence(o.store, viewer, limits);
  for (const [id, n] of got.nodes) ev.nodes.set(id, n);
  for (const kind of ['Project', 'Result', 'Document'] as const) {
    for (const c of got.byKind.get(kind) ?? []) ev.seedWork(c.id, c.fused);
  }
  await ev.fromChallenges([
    ...(req.needs ?? []),
    ...(got.byKind.get('Challenge') ?? []).map((c) => ({ id: c.id, relevance: c.fused })),
  ]);
  await ev.expandWorks(kinds.includes('Person'));
  const input: RankInput = {
    evidence: ev,
    own: got.own,
    filters: f,
    kinds,
    terms,
    topics,
    ...(req.needs === undefined ? {} : { needs: new Set(req.needs.map((n) => n.id)) }),
    exclude,
    tuning,
    now: o.now?.() ?? new Date(),
  };
  if (kinds.includes('Person')) {
    // People are often tied to a work only through their organisation: look up the members
    // of the organisations with the strongest evidence.
    const orgs = scoreAll({ ...input, kinds: ['Organisation'] }).map((s) => s.node.id);
    await ev.expandMembers(orgs);
  }
  let scored = scoreAll(input);
  if (kinds.includes('Person') && (f.orgKind !== undefined || f.country !== undefined || topics.size > 0)) {
    // Organisation kind, a missing country and expertise are read only for the people in contention.
    const people = scored
      .filter((s) => s.node.kind === 'Person')
      .slice(0, 3 * f.limit)
      .map((s) => s.node.id);
    await ev.expandPeople(people);
    scored = scoreAll(input);
  }
  const gathered = performance.now();
  const hits = rank(input, scored);
  const related = await relatedSoon;
  const base = {
    query: req.text,
    terms,
    mode: f.mode,
    filters,
    hits,
    ...(language === undefined ? {} : { language }),
    ...(related.length === 0 ? {} : { related }),
    stats: {
      lexical: got.lexicalCount,
      dense: got.denseCount,
      walks: ev.walks,
      ms: ms(performance.now() - started),
      phases: {
        retrieve: ms(retrieved - started),
        evidence: ms(gathered - retrieved),
        rank: ms(performance.now() - gathered),
      },
    },
  };
  if (hits.length > 0) return base;
  let empty: string;
  if (f.mode === 'lexical' && terms.length === 0) {
    empty = `"${req.text}" has no searchable words (only stop words or punctuation)`;
  } else if (scored.length > 0 && describeFilters(f) !== '') {
    empty = `no visible match for "${req.text}" with ${describeFilters(f)} (${scored.length} without these filters)`;
  } else {
    empty = `no visible match for "${req.text}"`;
  }
  return { ...base, empty };
}

/**
 * The question's language, its lexical terms, and the dense side and mode that can read it:
 * English goes as before; another language goes to the dense side that covers it (the
 * default one if it does, else the multilingual one), and when none does, to the lexical side
 * alone with a note saying so (hybrid and dense requests alike: an answer from shared words
 * beats nearest neighbours of a text the model cannot read).
 */
export function readLanguage(
  o: Pick<MatcherOptions, 'dense' | 'multilingual' | 'multilingualProblem'>,
  text: string,
  mode: ResolvedFilters['mode'],
): { terms: string[]; dense: DenseSide | undefined; mode: ResolvedFilters['mode']; language?: AnswerLanguage } {
  const detected = detectLanguage(text);
  const terms = queryTermsIn(text, detected.code);
  if (detected.code === 'en') return { terms, dense: o.dense, mode };
  const covers = (d: DenseSide | undefined): d is DenseSide =>
    d !== undefined && (d.languages ?? ['en']).includes(detected.code);
  const base = { code: detected.code, name: detected.name };
  if (mode === 'lexical') return { terms, dense: o.dense, mode, language: { ...base, meaning: false } };
  const side = covers(o.dense) ? o.dense : covers(o.multilingual) ? o.multilingual : undefined;
  if (side !== undefined) {
    return { terms, dense: side, mode, language: { ...base, meaning: true, model: side.embedder.model } };
  }
  const known = o.multilingual?.languages ?? MULTILINGUAL_LANGUAGES;
  const note = known.includes(detected.code)
    ? `meaning-based matching of ${detected.name} needs the multilingual model${o.multilingualProblem === undefined ? '' : ` (${o.multilingualProblem})`}; these answers come only from words the question shares with the texts`
    : `meaning-based matching does not cover ${detected.name}; these answers come only from words the question shares with the texts`;
  return { terms, dense: undefined, mode: 'lexical', language: { ...base, meaning: false, note } };
}

/**
 * Lexicons smaller than this are not used. A small dictionary holds the commonest words, which
 * are the most ambiguous, and its first sense is often not the one a technical question means
 * ("nuove strategie", "Quadro" as a painting): bench:languages measured French (8,000
 * headwords), Spanish (5,000), Italian (3,300) and Dutch (22,700) losing on the tuning half
 * with their lexicons and German (247,000) and Polish (39,000) gaining. Chosen on the tuning
 * half only; the held-out half is reported beside it.
 */
export const MIN_HEADWORDS = 30_000;

/**
 * How much the texts' use of a sense counts beside its closeness in meaning when a word's sense
 * is chosen (./render.ts meaningSense): the multilingual model often finds "boundary" as close to
 * "grens" as "border", or "oversight" as "surveillance"; the project texts say border and
 * surveillance. bench:languages, tuning half, against no prior: 0.25 gained in five languages of
 * six (de +0.027, fr +0.011, es +0.019, it +0.012, nl +0.058; pl −0.016); 0.5 and 1 gained less
 * in sum, and 0.5 cost Polish 0.047.
 */
export const SENSE_PRIOR = 0.25;

/**
 * The question rendered in English (./render.ts) and its vector by the default model, with the
 * index to search it in; undefined when rendering is off, the question is read by words alone,
 * its language has no lexicon (or too small a one), or the rendering holds no word.
 */
async function renderQuestion(
  o: MatcherOptions,
  text: string,
  code: string,
  reader: DenseSide | undefined,
  mode: ResolvedFilters['mode'],
  viewer: Viewer,
): Promise<{ rendering: Rendering; search: { vector: Float32Array; index: DenseSide['index'] } } | undefined> {
  const senses = o.rendering?.senses ?? 'meaning';
  const english = o.dense;
  if (senses === 'off' || mode === 'lexical' || english === undefined) return undefined;
  if (reader === undefined || reader === english || !(english.languages ?? ['en']).includes('en')) return undefined;
  const lexicon = o.lexicons?.get(code);
  if (lexicon === undefined || lexicon.size < (o.rendering?.minHeadwords ?? RENDER_MIN_HEADWORDS)) return undefined;
  const lexical = o.lexical;
  const frequency =
    lexical.frequency === undefined ? undefined : (t: string) => lexical.frequency?.('Project', t, viewer) ?? 0;
  const choose =
    senses === 'first'
      ? firstSense
      : senses === 'corpus'
        ? frequency === undefined
          ? firstSense
          : corpusSense(frequency)
        : meaningSense(reader.embedder, frequency, o.rendering?.prior ?? SENSE_PRIOR);
  const rendering = await renderEnglish(lexicon, text, {
    stops: stopsOf(code),
    choose,
    cognate: async (folded) => {
      const found = cognateWords(folded, code)[0];
      if (found === undefined) return undefined;
      const ruled = await spelledCognate(lexical, found.word, code, viewer);
      if (ruled !== undefined) return ruled.english;
      return (await lexical.similarTerms('Project', found.word, found.maxDistance, viewer))[0];
    },
  });
  if (rendering.words.length === 0) return undefined;
  const vector = await queryVector({ dense: english, denseProblem: o.denseProblem, text: rendering.text });
  return { rendering, search: { vector, index: english.index } };
}

/**
 * Questions are rendered in English only with a lexicon of at least this many headwords. With
 * fewer, most words of a question are missing from it and stay as written, and bench:languages
 * measured the rendering losing on the tuning half in Spanish (4,900 headwords) and Italian
 * (3,300) while it gained in French (8,300), Polish (39,000) and German (247,000) and held
 * even in Dutch (22,700).
 */
export const RENDER_MIN_HEADWORDS = 8_000;

/**
 * For each cognate word of the question, its English spelling by the regular correspondences
 * of ./cognates.ts when the viewer's project texts use it, else the closest English index term
 * of projects spelt like it.
 */
async function cognates(lexical: LexicalSearch, text: string, code: string, viewer: Viewer): Promise<string[]> {
  const out: string[] = [];
  for (const { word, maxDistance } of cognateWords(text, code)) {
    const ruled = await spelledCognate(lexical, word, code, viewer);
    if (ruled !== undefined) out.push(ruled.term);
    else out.push(...(await lexical.similarTerms('Project', word, maxDistance, viewer)).slice(0, 1));
  }
  return out;
}

/** The first English spelling of a word (./cognates.ts) whose index term projects the viewer sees hold. */
async function spelledCognate(
  lexical: LexicalSearch,
  folded: string,
  code: string,
  viewer: Viewer,
): Promise<{ english: string; term: string } | undefined> {
  for (const english of englishSpellings(code, folded)) {
    const t = term(english);
    if (t !== undefined && (await lexical.similarTerms('Project', t, 0, viewer)).includes(t))
      return { english, term: t };
  }
  return undefined;
}

/** A challenge counts as the same need when its own match is at least this strong (fused score, in [0, 1]). */
const RELATED_FLOOR = 0.5;
const MAX_RELATED = 3;

/** Open challenges among the candidates that match the question well, with their votes. */
async function relatedChallenges(
  store: GraphStore,
  got: Awaited<ReturnType<typeof retrieve>>,
  viewer: Viewer,
): Promise<RelatedChallenge[]> {
  const chosen: { id: string; title: string; relevance: number }[] = [];
  for (const c of got.byKind.get('Challenge') ?? []) {
    if (chosen.length >= MAX_RELATED || c.fused < RELATED_FLOOR) break;
    const n = got.nodes.get(c.id);
    if (n?.kind !== 'Challenge' || n.status !== 'open') continue;
    chosen.push({ id: n.id, title: n.title, relevance: round4(c.fused) });
  }
  const votes = await tallyChallenges(
    store,
    chosen.map((c) => c.id),
    viewer,
  );
  return chosen.map((c) => ({ ...c, votes: votes.get(c.id) as VoteTally }));
}

/** The languages of the multilingual model, for the note when it is not there. */
const MULTILINGUAL_LANGUAGES = USEM3.languages;

const ms = (x: number) => Math.round(x * 10) / 10;
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
