/**
 * Challenges raised by practitioners, with the votes they draw and, for those already in
 * progress or addressed, the result that answers them. The year a challenge is raised
 * follows its area's growth, which is what makes some areas emerge and others fade.
 */
import type { CHALLENGE_STATUSES, Visibility } from '../../graph/index.js';
import { dayInYear, isoDay } from './random.js';
import { type AreaState, at, type CountryEntry, type Gen, type InputOf, ids, type OrgEntry } from './state.js';
import { lowerFirst, Slots } from './text.js';
import { LANGUAGE_NAMES } from './vocab/countries.js';
import { ASKS, CONSTRAINTS, CONTEXTS, TITLE_FRAMES } from './vocab/phrases.js';
import { produceResult } from './works.js';

type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

export interface Raiser {
  readonly n: number;
  readonly org: OrgEntry;
  readonly country: CountryEntry;
  readonly areas: readonly AreaState[];
  readonly lang: string;
  readonly inc: boolean;
}

/** Older needs are more often solved or dropped; recent ones are mostly still open. */
function statusOf(g: Gen, year: number): ChallengeStatus {
  const age = g.o.toYear - year;
  const open = age <= 1 ? 0.75 : age <= 3 ? 0.45 : 0.2;
  const r = g.rng.next();
  if (r < open) return 'open';
  const rest = (r - open) / (1 - open);
  return rest < 0.3 ? 'in-progress' : rest < 0.75 ? 'addressed' : 'closed';
}

export function raiseChallenge(g: Gen, who: Raiser): void {
  const rng = g.rng;
  const a = rng.pick(who.areas);
  const area = a.area;
  const year = a.years.pick(rng);
  const day = dayInYear(rng, year);
  const slots = new Slots(rng, area, {
    lang: LANGUAGE_NAMES[who.lang] ?? 'our language',
    city: rng.pick(who.country.info.cities),
    since: Math.max(g.o.fromYear - 3, year - rng.int(2, 6)),
  });
  const index = rng.int(0, area.titles.length - 1);
  const core = slots.text(at(area.titles, index));
  const frame = rng.pick(TITLE_FRAMES);
  const title = frame === '%' ? core : frame.replace('%', lowerFirst(core));
  const parts = [slots.text(at(area.problems, index))];
  if (rng.chance(0.5)) parts.push(slots.text(rng.pick(CONTEXTS)));
  parts.push(slots.text(rng.pick(CONSTRAINTS)), slots.text(rng.pick(ASKS)));
  const status = statusOf(g, year);
  const r = rng.next();
  const visibility: Visibility =
    r < g.o.restrictedShare ? 'restricted' : r < g.o.restrictedShare + 0.08 ? 'public' : 'network';
  const c = ++g.count.challenge;
  const id = ids.challenge(c);
  const date = isoDay(day);
  const node: InputOf<'Challenge'> = {
    id,
    kind: 'Challenge',
    visibility,
    date,
    title,
    description: parts.join(' '),
    status,
    area: area.label,
    country: who.country.info.code,
    keywords: rng.sample(area.keywords, rng.int(2, 3)),
  };
  if (visibility === 'restricted') node.owner = who.org.id;
  g.out.node(node);
  g.out.rel('RAISED', ids.person(who.n), id).date = date;
  if (who.inc && rng.chance(0.3)) g.out.rel('RAISED', who.country.incId, id).date = date;
  g.out.rel('ABOUT', id, a.topicId);
  vote(g, who, a, id, day, visibility === 'restricted');
  if ((status === 'addressed' && rng.chance(0.85)) || (status === 'in-progress' && rng.chance(0.5))) {
    produceResult(g, a, a.solvers.length > 0 ? rng.pick(a.solvers) : 0, { id, day, status, slots, index });
  }
  a.challenges.push(c);
}

/**
 * Votes from people written earlier (so every voter is in this chunk or an earlier one):
 * mostly people expert in the area, some from anywhere, and for a restricted challenge
 * only colleagues who can see it. A few challenges draw a crowd.
 */
function vote(g: Gen, who: Raiser, a: AreaState, challengeId: string, day: number, restricted: boolean): void {
  const rng = g.rng;
  let k = rng.poisson(g.o.votesPerChallenge);
  if (rng.chance(0.06)) k += rng.int(10, 40);
  const colleagues = who.org.members;
  const everyone = who.n - 1;
  if (restricted) k = Math.min(k, 3, colleagues.length);
  if (k === 0 || everyone === 0) return;
  const voters = new Set<number>();
  for (let tries = 0; voters.size < k && tries < k * 4; tries++) {
    let v: number;
    if (restricted) v = rng.pick(colleagues);
    else if (a.people.length > 0 && rng.chance(0.7)) v = rng.pick(a.people);
    else v = rng.int(1, everyone);
    if (voters.has(v)) continue;
    voters.add(v);
    const r = g.out.rel('VOTED', ids.person(v), challengeId);
    r.value = rng.chance(0.88) ? 1 : -1;
    r.date = isoDay(Math.min(g.endDay, day + rng.int(0, 540)));
  }
}
