/** Poll results for one viewer: votes by option, counting only voters the viewer may see. */

import type { Viewer } from '../../graph/index.js';
import { erasedVoteValue, idSchema } from '../../graph/index.js';
import { AnalyticsError, parseQuery } from './errors.js';
import type { Snapshot } from './snapshot.js';
import type { PollAnswer } from './types.js';

export function polls(s: Snapshot, viewer: Viewer, pollId?: string): PollAnswer[] {
  const mask = s.visibleMask(viewer);
  let keys: readonly number[] = s.of('Poll');
  if (pollId !== undefined) {
    const id = parseQuery(idSchema, pollId, 'polls');
    const k = s.key.get(id);
    if (k === undefined || !mask[k]) throw new AnalyticsError('ERR_NOT_FOUND', `poll ${id} was not found`, 'pollId');
    if (s.node(k).kind !== 'Poll')
      throw new AnalyticsError('ERR_WRONG_KIND', `${id} is a ${s.node(k).kind}, not a poll`, 'pollId');
    keys = [k];
  }
  const out: PollAnswer[] = [];
  for (const k of keys) {
    if (!mask[k]) continue;
    const p = s.node(k);
    const options = p.options ?? [];
    const counts = new Map<string, number>(options.map((o) => [o, 0]));
    let votes = 0;
    for (const v of s.votes.get(k) ?? []) {
      if (!mask[v.to] || v.option === undefined || !counts.has(v.option)) continue;
      counts.set(v.option, (counts.get(v.option) ?? 0) + 1);
      votes++;
    }
    for (const entry of p.erasedVotes ?? []) {
      const option = erasedVoteValue(entry);
      if (!counts.has(option)) continue;
      counts.set(option, (counts.get(option) ?? 0) + 1);
      votes++;
    }
    const event = s.heldAt.get(k);
    out.push({
      id: p.id,
      question: p.label,
      ...(p.closesAt === undefined ? {} : { closesAt: p.closesAt }),
      ...(event !== undefined && mask[event] ? { event: { id: s.node(event).id, title: s.node(event).label } } : {}),
      options: options.map((option) => {
        const n = counts.get(option) ?? 0;
        return { option, votes: n, share: votes === 0 ? 0 : Math.round((n / votes) * 1_000) / 1_000 };
      }),
      votes,
    });
  }
  out.sort((a, b) => b.votes - a.votes || (a.id < b.id ? -1 : 1));
  return out;
}
