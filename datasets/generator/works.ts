/**
 * Results and documents. A result either answers a challenge (ADDRESSES, worded with the
 * challenge's own slot values, so text matching finds it too) or comes out of a person's
 * project work; documents are best practices written by practitioners and policy makers.
 */
import type { Visibility } from '../../graph/index.js';
import { dayInYear, isoDay } from './random.js';
import { type AreaState, at, type CountryEntry, type Gen, type InputOf, ids, type OrgEntry } from './state.js';
import { inSentence, Slots } from './text.js';
import { DOC_SUMMARIES, DOC_TYPES, LICENCES, RESULT_DESCRIPTIONS, RESULT_TYPES } from './vocab/phrases.js';

export interface Answered {
  readonly id: string;
  readonly day: number;
  readonly status: 'in-progress' | 'addressed';
  readonly slots: Slots;
  /** Which of the area's titles the challenge used: the matching result title is preferred. */
  readonly index: number;
}

function visibilityOf(g: Gen, publicShare: number, restrictedShare: number): Visibility {
  const r = g.rng.next();
  return r < restrictedShare ? 'restricted' : r < restrictedShare + publicShare ? 'public' : 'network';
}

/**
 * Writes one result about area `a`. `producer` is a person number (0: nobody yet, and an
 * organisation that does research or builds things produces it alone).
 */
export function produceResult(g: Gen, a: AreaState, producer: number, answers?: Answered): void {
  const rng = g.rng;
  const area = a.area;
  const org: OrgEntry = producer > 0 ? at(g.personOrg, producer - 1) : rng.pick(g.solverOrgs);
  const project = producer > 0 ? g.personProject[producer - 1] : undefined;
  const kind = rng.pick(RESULT_TYPES);
  const trl = answers
    ? answers.status === 'addressed'
      ? rng.int(6, 9)
      : rng.int(3, 6)
    : rng.int(kind.trl[0], kind.trl[1]);
  let day: number;
  if (answers) day = answers.day + rng.int(60, 900);
  else if (project) day = rng.int(project.start, project.end + 180);
  else day = dayInYear(rng, a.years.pick(rng));
  day = g.clampDay(day);
  const date = isoDay(day);
  const slots = answers?.slots ?? new Slots(rng, area);
  const answer = answers && rng.chance(0.75) ? area.results[answers.index] : undefined;
  const title = slots.text(answer ?? rng.pick(area.results));
  const cities = g.countries.find((c) => c.info.code === org.country)?.info.cities ?? ['Brussels'];
  const description = new Slots(rng, area, {
    title,
    n: rng.int(2, 8),
    city: rng.pick(cities),
    year: date.slice(0, 4),
    type: kind.type,
    trl,
    label: inSentence(area.label),
  }).text(rng.pick(RESULT_DESCRIPTIONS));
  const licence = rng.pick(LICENCES);
  const visibility = visibilityOf(g, 0.55, 0.05);
  const id = ids.result(++g.count.result);
  const node: InputOf<'Result'> = {
    id,
    kind: 'Result',
    visibility,
    date,
    title,
    description: licence ? `${description} ${licence}` : description,
    resultType: kind.type,
    trl,
  };
  if (visibility === 'restricted') node.owner = org.id;
  g.out.node(node);
  if (producer > 0) g.out.rel('PRODUCED', ids.person(producer), id);
  g.out.rel('PRODUCED', org.id, id);
  if (project) g.out.rel('PRODUCED', project.id, id);
  g.out.rel('ABOUT', id, a.topicId);
  if (answers) g.out.rel('ADDRESSES', id, answers.id);
  if (a.results.length > 0 && rng.chance(0.15)) g.out.rel('BUILDS_ON', id, ids.result(rng.pick(a.results)));
  a.results.push(g.count.result);
}

/** A best-practice document by person `n` of organisation `org`. */
export function writeDocument(g: Gen, n: number, a: AreaState, org: OrgEntry, country: CountryEntry): void {
  const rng = g.rng;
  const date = isoDay(dayInYear(rng, a.years.pick(rng)));
  const year = Number(date.slice(0, 4));
  const title = new Slots(rng, a.area).text(rng.pick(a.area.docs));
  const summary = new Slots(rng, a.area, {
    country: country.info.name,
    n: rng.int(5, 60),
    from: Math.max(g.o.fromYear, year - rng.int(1, 5)),
    year,
    city: rng.pick(country.info.cities),
  }).text(rng.pick(DOC_SUMMARIES));
  const visibility = visibilityOf(g, 0.25, 0.05);
  const id = ids.document(++g.count.document);
  const node: InputOf<'Document'> = {
    id,
    kind: 'Document',
    visibility,
    date,
    title,
    summary,
    docType: rng.pick(DOC_TYPES),
  };
  if (visibility === 'restricted') node.owner = org.id;
  g.out.node(node);
  g.out.rel('PRODUCED', ids.person(n), id);
  g.out.rel('PRODUCED', org.id, id);
  g.out.rel('ABOUT', id, a.topicId);
  if (a.challenges.length > 0 && rng.chance(0.3)) g.out.rel('ADDRESSES', id, ids.challenge(rng.pick(a.challenges)));
  if (a.results.length > 0 && rng.chance(0.3)) g.out.rel('CITES', id, ids.result(rng.pick(a.results)));
}
