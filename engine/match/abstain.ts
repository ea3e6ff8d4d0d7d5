/**
 * Abstention: when nothing in the network is about the question, say so instead of listing
 * nearest neighbours. A vector index always returns its k nearest, however far; gibberish
 * ("xqzv plorf") or an off-topic need still gets cosines of 0.2-0.8 depending on the model,
 * so a fixed cosine threshold cannot work across models or corpora.
 *
 * The floor is calibrated per model, per corpus and per kind from how close questions that
 * are certainly off-topic get: each probe below is embedded as a query and searched in each
 * kind's index, and the best cosines it reaches form the off-topic distribution. A question is
 * answered when its best match stands clear of that distribution (above every probe: strong
 * dense support), or stands above its upper quartile and more than half of its words occur
 * together in one work (lexical support). Otherwise the answer is empty and says why.
 *
 * The probes are kept apart from the labelled off-topic queries of test/bench/quality.ts,
 * which measure the rule: a floor calibrated on its own test set would flatter itself.
 */
import { DENSE_SLACK, type DenseKeep, denseTopK } from './dense-keep.js';
import type { LexicalKind } from './lexical.js';
import type { DenseSide } from './ports.js';

/**
 * Off-topic needs and nonsense, worded like questions people type. Nothing here touches
 * security, crime, emergencies, health crises, borders or research infrastructure.
 */
export const OFF_TOPIC_PROBES: readonly string[] = [
  'sourdough bread starter feeding schedule',
  'best chocolate chip cookie recipe',
  'how to knit a wool scarf for beginners',
  'premier league football transfer rumours',
  'tennis racket string tension advice',
  'wedding dress alterations near me',
  'celebrity gossip about movie stars',
  'how to train a puppy to sit',
  'houseplants that survive low light',
  'tomato seedlings turning yellow leaves',
  'vintage vinyl record collecting tips',
  'learn to play the ukulele chords',
  'cheap flights to a beach holiday',
  'best hiking boots for wide feet',
  'wine pairing with roast lamb dinner',
  'watercolour painting techniques for skies',
  'crossword puzzle clue five letters',
  'baby names starting with the letter m',
  'how to remove red wine stains from carpet',
  'marathon training plan for beginners',
  'origami crane folding instructions',
  'history of renaissance fresco painting',
  'pop music charts this week',
  'yoga poses for lower back stretching',
  'homemade pizza dough without yeast',
  'choosing a colour for the living room walls',
  'skincare routine for dry skin in winter',
  'board games for a family evening',
  'fantasy novel series recommendations',
  'how to brew cold coffee at home',
  'blorft quenzal vip trask',
  'zzkq wembly frop dastik',
  'lorem ipsum dolor sit amet',
  'asdf jkl qwerty uiop',
  'glimmerbax snorvel quintrop',
  'ooga booga wibble wobble',
  'plinth marmalade trombone cucumber',
  'purple elephants dancing on the moon',
  'seventeen bananas and a teaspoon',
  'xyzzy plugh frobnicate',
];

/** The kinds whose distance decides: the works and needs that are the evidence of an answer. */
export const SUPPORT_KINDS: readonly LexicalKind[] = ['Project', 'Result', 'Document', 'Challenge'];

/** Lexical support: one work holds more than this share of the query's terms. */
export const LEXICAL_SUPPORT = 0.5;

/** Where in the off-topic distribution weak dense support starts. */
const WEAK_QUANTILE = 0.75;

export interface KindFloor {
  /** Upper quartile of the probes' best cosines: below it a match is as far as most off-topic questions get. */
  readonly weak: number;
  /** The highest best cosine any probe reached: above it a match is closer than any off-topic question. */
  readonly strong: number;
}

export interface RelevanceFloor {
  readonly model: string;
  readonly kinds: ReadonlyMap<LexicalKind, KindFloor>;
  readonly probes: number;
}

/** How well the question is supported, as measured during retrieval. */
export interface Support {
  /** Best cosine per kind (of the dense hits, before any visibility filter). */
  readonly cosine: ReadonlyMap<LexicalKind, number>;
  /** Largest share of the query's terms that one visible work holds, in [0, 1]. */
  readonly lexicalCoverage: number;
}

export interface Verdict {
  readonly answer: boolean;
  /** The kind whose match stood furthest above its floor (or came closest). */
  readonly kind: LexicalKind | undefined;
  readonly cosine: number;
  readonly floor: KindFloor | undefined;
  readonly lexicalCoverage: number;
}

const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
};

/** The probes as query vectors: embedded once per matcher, searched once per visibility class. */
export function embedProbes(dense: DenseSide, probes: readonly string[] = OFF_TOPIC_PROBES): Promise<Float32Array[]> {
  return dense.embedder.embed(probes, 'query');
}

/**
 * Reads each kind's off-topic distribution over the vectors that `keep` lets through: the floor of a
 * viewer is calibrated on what that viewer may see, so hidden work never moves whether others
 * get an answer (the visibility property test checks it). A kind with no visible vectors gets
 * no floor (and gives no support). 40 probes × 4 kinds nearest-neighbour searches.
 */
export async function calibrateFloor(
  dense: DenseSide,
  vectors: readonly Float32Array[],
  keep: (kind: LexicalKind) => DenseKeep,
  kinds: readonly LexicalKind[] = SUPPORT_KINDS,
): Promise<RelevanceFloor> {
  const floors = new Map<LexicalKind, KindFloor>();
  for (const kind of kinds) {
    const best: number[] = [];
    const filter = keep(kind);
    if (dense.index.searchVisible !== undefined) {
      // The store filters inside its query: one search per probe, each its nearest visible vector.
      for (const v of vectors) {
        const top = (await denseTopK(dense.index, kind, v, 1, filter, Number.NEGATIVE_INFINITY))[0];
        if (top !== undefined) best.push(top.score);
      }
    } else {
      // Every probe's nearest few first, and one visibility read for all of them (where the store
      // must tell): 40 reads per kind made a new viewer's first question seconds slower on Neo4j.
      const want = 1 + DENSE_SLACK;
      const firsts = [];
      for (const v of vectors) firsts.push(await dense.index.search(kind, v, want));
      const unknown = [...new Set(firsts.flat().flatMap((h) => (filter.now(h.id) === undefined ? [h.id] : [])))];
      const seen = unknown.length === 0 ? new Set<string>() : await filter.resolve(unknown);
      for (const [i, v] of vectors.entries()) {
        const first = firsts[i] ?? [];
        const top =
          first.find((h) => filter.now(h.id) ?? seen.has(h.id)) ??
          (first.length < want
            ? undefined
            : (await denseTopK(dense.index, kind, v, 1, filter, Number.NEGATIVE_INFINITY))[0]);
        if (top !== undefined) best.push(top.score);
      }
    }
    if (best.length === 0) continue;
    best.sort((a, b) => a - b);
    floors.set(kind, { weak: quantile(best, WEAK_QUANTILE), strong: best.at(-1) as number });
  }
  return { model: dense.embedder.model, kinds: floors, probes: vectors.length };
}

/**
 * Whether to answer. Strong dense support (a kind's best match above every probe) answers on
 * its own; weak dense support (above the probes' upper quartile) answers when lexical support agrees.
 * With no calibrated kind (no vectors at all) the dense side cannot judge, and the lexical
 * side alone decides.
 */
export function judge(floor: RelevanceFloor, support: Support): Verdict {
  let kind: LexicalKind | undefined;
  let margin = Number.NEGATIVE_INFINITY;
  let strong = false;
  let weak = false;
  for (const [k, f] of floor.kinds) {
    const c = support.cosine.get(k);
    if (c === undefined) continue;
    if (c > f.strong) strong = true;
    if (c > f.weak) weak = true;
    // Margin over the strong floor, in units of the off-topic spread, so kinds compare.
    const m = (c - f.strong) / Math.max(1e-6, f.strong - f.weak);
    if (m > margin) {
      margin = m;
      kind = k;
    }
  }
  // "More than half": a two-word off-topic question sharing one common word ("world cup", "home") is not support.
  const lexical = support.lexicalCoverage > LEXICAL_SUPPORT;
  const calibrated = floor.kinds.size > 0;
  const answer = calibrated ? strong || (weak && lexical) : lexical;
  return {
    answer,
    kind,
    cosine: kind === undefined ? 0 : (support.cosine.get(kind) ?? 0),
    floor: kind === undefined ? undefined : floor.kinds.get(kind),
    lexicalCoverage: support.lexicalCoverage,
  };
}
