/**
 * Match a stored need: the challenge's own text is the query, its ABOUT topics count as
 * evidence (people expert in them, works about them), and works that already ADDRESS it are
 * the strongest evidence of all. The challenge itself is never an answer.
 */
import type { GraphStore, Viewer } from '../../graph/index.js';
import type { Answer } from './answer.js';
import { MatchError } from './errors.js';
import { MAX_QUERY_CHARS, type MatchNeedOptions, parseChallengeId, parseFilters } from './query.js';
import type { MatchRequest } from './who-solved.js';

/** The challenge's title, keywords and description, cut to the query limit at a word boundary. */
export function needText(c: { title: string; description?: string | undefined; keywords: readonly string[] }): string {
  const text = [c.title, c.keywords.join(', '), c.description ?? '']
    .filter((s) => s.trim() !== '')
    .join('. ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (text.length <= MAX_QUERY_CHARS) return text;
  const cut = text.lastIndexOf(' ', MAX_QUERY_CHARS);
  return text.slice(0, cut > 0 ? cut : MAX_QUERY_CHARS);
}

export async function matchNeed(
  store: GraphStore,
  run: (req: MatchRequest) => Promise<Answer>,
  challengeId: string,
  viewer: Viewer,
  options: MatchNeedOptions = {},
): Promise<Answer> {
  const id = parseChallengeId(challengeId);
  const filters = parseFilters(options);
  const node = await store.getNode(id, viewer);
  // Missing and hidden read the same, so the answer does not reveal that a hidden need exists.
  if (node === undefined) throw new MatchError('ERR_CHALLENGE_NOT_FOUND', `no challenge ${id} (or you may not see it)`);
  if (node.kind !== 'Challenge')
    throw new MatchError('ERR_NOT_A_CHALLENGE', `${id} is a ${node.kind}, not a Challenge`);
  const about = await store.neighbourhood(
    id,
    { hops: 1, relTypes: ['ABOUT'], direction: 'out', kinds: ['Topic'] },
    viewer,
  );
  const topics = new Set(about.nodes.filter((n) => n.kind === 'Topic').map((n) => n.id));
  return run({
    text: needText(node),
    filters,
    viewer,
    exclude: new Set([id]),
    topics,
    needs: [{ id, relevance: 1 }],
  });
}
