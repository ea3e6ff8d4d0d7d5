/**
 * Test data for the graph layer: builders for valid records of every kind, small graphs
 * whose answers are known by hand, and a seeded generator for large batches.
 * All names, ids and organisations are fictional.
 */
import { seeded } from '../../engine/analytics/network.js';
import {
  type GraphNode,
  type GraphRel,
  type NodeInput,
  type NodeKind,
  nodeSchema,
  type RelInput,
  type RelType,
  relationshipSchema,
} from '../../graph/model.js';
import type { Batch } from '../../graph/validate.js';

export type InputOf<K extends NodeKind> = Extract<NodeInput, { kind: K }>;
type Extra<K extends NodeKind> = Partial<Omit<InputOf<K>, 'kind' | 'id'>>;

/** Strings that break naive encodings: multi-byte scripts, astral emoji with ZWJ sequences, combining marks (kept decomposed: no backend may normalise them), right-to-left text. */
export const UNICODE = {
  greek: 'Ελληνική Αστυνομία — Διεύθυνση Ηλεκτρονικού Εγκλήματος',
  cyrillic: 'Национальная полиция: Ёжик и щётка',
  emoji: '🚓 👮🏽‍♀️ 🇪🇺 🔐',
  combining: 'Cafe\u0301 Zo\u0308e n\u0303 A\u030a',
  rtl: 'الشرطة الوطنية \u200F משטרת ישראל',
  mixed: 'Ζωή Ивановна 😀 e\u0301 \u202Bشرطة\u202C',
} as const;

export const person = (id: string, extra: Extra<'Person'> = {}): InputOf<'Person'> => ({
  kind: 'Person',
  id,
  name: `Person ${id}`,
  ...extra,
});
export const organisation = (id: string, extra: Extra<'Organisation'> = {}): InputOf<'Organisation'> => ({
  kind: 'Organisation',
  id,
  name: `Organisation ${id}`,
  orgKind: 'lea',
  ...extra,
});
export const country = (id: string, code: string, extra: Extra<'Country'> = {}): InputOf<'Country'> => ({
  kind: 'Country',
  id,
  code,
  name: `Country ${code}`,
  ...extra,
});
export const inc = (id: string, extra: Extra<'Inc'> = {}): InputOf<'Inc'> => ({
  kind: 'Inc',
  id,
  name: `INC ${id}`,
  country: 'BE',
  ...extra,
});
export const challenge = (id: string, extra: Extra<'Challenge'> = {}): InputOf<'Challenge'> => ({
  kind: 'Challenge',
  id,
  title: `Challenge ${id}`,
  ...extra,
});
export const topic = (id: string, extra: Extra<'Topic'> = {}): InputOf<'Topic'> => ({
  kind: 'Topic',
  id,
  label: `Topic ${id}`,
  scheme: 'keyword',
  ...extra,
});
export const project = (id: string, extra: Extra<'Project'> = {}): InputOf<'Project'> => ({
  kind: 'Project',
  id,
  title: `Project ${id}`,
  ...extra,
});
export const result = (id: string, extra: Extra<'Result'> = {}): InputOf<'Result'> => ({
  kind: 'Result',
  id,
  title: `Result ${id}`,
  ...extra,
});
export const event = (id: string, extra: Extra<'Event'> = {}): InputOf<'Event'> => ({
  kind: 'Event',
  id,
  title: `Event ${id}`,
  ...extra,
});
export const poll = (id: string, extra: Extra<'Poll'> = {}): InputOf<'Poll'> => ({
  kind: 'Poll',
  id,
  question: `Poll ${id}?`,
  options: ['yes', 'no'],
  ...extra,
});
export const document = (id: string, extra: Extra<'Document'> = {}): InputOf<'Document'> => ({
  kind: 'Document',
  id,
  title: `Document ${id}`,
  ...extra,
});

export const statusChange = (id: string, extra: Extra<'StatusChange'> = {}): InputOf<'StatusChange'> => ({
  kind: 'StatusChange',
  id,
  challenge: 'min:challenge',
  from: 'open',
  to: 'in-progress',
  ...extra,
});

export const comment = (id: string, extra: Extra<'Comment'> = {}): InputOf<'Comment'> => ({
  kind: 'Comment',
  id,
  on: 'min:challenge',
  ...extra,
});

export const survey = (id: string, extra: Extra<'Survey'> = {}): InputOf<'Survey'> => ({
  kind: 'Survey',
  id,
  title: `Survey ${id}`,
  questions: [JSON.stringify({ id: 'q1', type: 'text', prompt: 'What do you need?' })],
  closesAt: '2030-01-01',
  ...extra,
});

export const surveyAnswer = (id: string, extra: Extra<'SurveyAnswer'> = {}): InputOf<'SurveyAnswer'> => ({
  kind: 'SurveyAnswer',
  id,
  survey: 'min:survey',
  answers: [],
  ...extra,
});

export const contactRoute = (id: string, extra: Extra<'ContactRoute'> = {}): InputOf<'ContactRoute'> => ({
  kind: 'ContactRoute',
  id,
  person: 'min:person',
  route: 'inc',
  ...extra,
});

export const notice = (id: string, extra: Extra<'Notice'> = {}): InputOf<'Notice'> => ({
  kind: 'Notice',
  id,
  recipient: 'min:person',
  noticeKind: 'alert',
  title: `Notice ${id}`,
  reason: 'because',
  dedupeKey: id,
  createdAt: '2026-03-02T09:00:00Z',
  ...extra,
});

export const subscription = (id: string, extra: Extra<'Subscription'> = {}): InputOf<'Subscription'> => ({
  kind: 'Subscription',
  id,
  subscriber: 'min:person',
  createdBy: 'min:person',
  subject: 'challenges',
  value: '',
  createdAt: '2026-03-02T09:00:00Z',
  ...extra,
});

export const introduction = (id: string, extra: Extra<'Introduction'> = {}): InputOf<'Introduction'> => ({
  kind: 'Introduction',
  id,
  requester: 'min:person',
  target: 'min:org',
  targetKind: 'Organisation',
  message: 'hello',
  status: 'pending',
  createdAt: '2026-03-02T09:00:00Z',
  ...extra,
});

export const rel = (
  type: RelType,
  from: string,
  to: string,
  extra: Omit<Partial<RelInput>, 'type' | 'from' | 'to'> = {},
): RelInput => ({
  type,
  from,
  to,
  ...extra,
});

/** The node as a store must return it: parsed, defaults applied. */
export const parsed = (input: NodeInput): GraphNode => nodeSchema.parse(input);
export const parsedRel = (input: RelInput): GraphRel => relationshipSchema.parse(input);

export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const byFromTo = (a: GraphRel, b: GraphRel): number =>
  a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0;

/** One node of every kind with every optional field set, in several scripts. */
export function fullNodeOfEveryKind(): InputOf<NodeKind>[] {
  return [
    person('uni:person:Ζωή', {
      visibility: 'public',
      owner: 'uni:org:polizei',
      date: '2024-02-29',
      name: UNICODE.mixed,
      roles: ['practitioner', 'inc'],
      expertise: [UNICODE.greek, UNICODE.emoji],
      languages: ['el', 'ru', 'ar'],
      country: 'EL',
      bio: `${UNICODE.cyrillic}\n${UNICODE.rtl}\n${UNICODE.combining}`,
    }),
    organisation('uni:org:polizei', {
      visibility: 'network',
      name: UNICODE.greek,
      shortName: 'ΕΛ.ΑΣ.',
      orgKind: 'public',
      country: 'EL',
      city: 'Αθήνα',
      sme: false,
      date: '2001-01-01',
    }),
    country('uni:country:ua', 'UA', { name: 'Україна', visibility: 'public' }),
    inc('uni:inc:pt', {
      name: 'Núcleo de Inovação',
      country: 'PT',
      mandate: UNICODE.combining,
      visibility: 'public',
      introductions: 'auto-domestic',
    }),
    challenge('uni:challenge:1', {
      visibility: 'restricted',
      owner: 'uni:org:polizei',
      date: '2024-05-01T08:30:00Z',
      title: `Deepfake ${UNICODE.emoji}`,
      description: UNICODE.rtl,
      status: 'in-progress',
      area: 'cyber',
      country: 'IL',
      keywords: ['deepfake', UNICODE.combining, ''],
      duplicateOf: 'min:challenge',
      takeUp: UNICODE.rtl,
      statusDate: '2025-10-07T09:15:00.123Z',
    }),
    topic('uni:topic:drones', {
      label: 'Беспилотники',
      scheme: 'euroscivoc',
      code: '/23/45/67',
      path: 'engineering / aeronautics / drones',
      description: UNICODE.mixed,
    }),
    project('uni:project:740714', {
      acronym: 'ΑΚΡΟ',
      title: UNICODE.cyrillic,
      objective: `${UNICODE.greek} ${'x'.repeat(3_000)}`,
      startDate: '2017-05-01',
      endDate: '2020-04-30',
      programme: 'H2020',
      fundingScheme: 'IA',
      status: 'CLOSED',
      totalCost: 4_999_876.25,
      ecContribution: 0,
      keywords: ['drones', 'forensics'],
      date: '2017-05-01',
    }),
    result('uni:result:1', {
      title: UNICODE.rtl,
      description: 'tool',
      resultType: 'software',
      trl: 7,
      url: 'https://example.org/résultat?q=ü',
    }),
    event('uni:event:1', {
      title: UNICODE.emoji,
      online: true,
      city: 'Zürich',
      country: 'CH',
      description: UNICODE.combining,
      date: '2025-10-07',
    }),
    poll('uni:poll:1', {
      question: `${UNICODE.greek}?`,
      options: [UNICODE.rtl, UNICODE.emoji, 'ok'],
      closesAt: '2025-12-31',
      audience: 'PT',
    }),
    document('uni:document:1', {
      title: UNICODE.combining,
      summary: UNICODE.mixed,
      docType: 'best-practice',
      url: 'https://example.org/doc',
      discoverable: true,
    }),
    statusChange('uni:status:1', {
      date: '2025-10-07T09:15:00.123Z',
      challenge: 'uni:challenge:1',
      from: 'in-progress',
      to: 'duplicate',
      reason: UNICODE.mixed,
      addressedBy: ['uni:result:1'],
      takeUp: UNICODE.greek,
      duplicateOf: 'min:challenge',
      votesMoved: 3,
    }),
    comment('uni:comment:1', {
      visibility: 'restricted',
      owner: 'uni:org:polizei',
      date: '2025-10-07T09:15:00.123Z',
      on: 'uni:challenge:1',
      replyTo: 'min:comment',
      text: `${UNICODE.emoji} @uni:person:Ζωή`,
      editedAt: '2025-10-08T10:00:00Z',
      deleted: false,
      hidden: true,
      hiddenReason: UNICODE.rtl,
    }),
    survey('uni:survey:1', {
      visibility: 'public',
      date: '2025-10-07',
      title: UNICODE.greek,
      description: UNICODE.rtl,
      questions: [
        JSON.stringify({ id: 'q1', type: 'single', prompt: UNICODE.cyrillic, options: [UNICODE.emoji, 'ok'] }),
        JSON.stringify({ id: 'q2', type: 'multiple', prompt: 'Which?', options: ['a', 'b', UNICODE.combining] }),
        JSON.stringify({ id: 'q3', type: 'scale', prompt: 'How much?' }),
        JSON.stringify({ id: 'q4', type: 'text', prompt: UNICODE.mixed }),
      ],
      closesAt: '2026-12-31T23:00:00Z',
      audience: 'PT',
    }),
    surveyAnswer('uni:survey-answer:1', {
      visibility: 'public',
      date: '2025-10-08T10:00:00Z',
      survey: 'uni:survey:1',
      answers: [
        JSON.stringify({ q: 'q1', choices: ['ok'] }),
        JSON.stringify({ q: 'q2', choices: ['a', UNICODE.combining] }),
        JSON.stringify({ q: 'q3', scale: 4 }),
        JSON.stringify({ q: 'q4', text: `${UNICODE.rtl}\n${UNICODE.emoji}` }),
      ],
    }),
    contactRoute('uni:contact:1', {
      visibility: 'restricted',
      owner: 'uni:org:polizei',
      person: 'uni:person:Ζωή',
      route: 'chat',
      platform: 'matrix',
      handle: '@zoe:polizei.example',
    }),
    notice('uni:notice:1', {
      visibility: 'restricted',
      owner: 'uni:person:Ζωή',
      date: '2026-03-02T09:00:00Z',
      recipient: 'uni:person:Ζωή',
      noticeKind: 'introduction',
      title: UNICODE.greek,
      reason: UNICODE.rtl,
      refKind: 'Result',
      refId: 'uni:result:1',
      actionLabels: ['Approve', UNICODE.emoji],
      actionValues: ['approve:1', 'decline:1'],
      dedupeKey: `intro:${UNICODE.combining}`,
      readAt: '2026-03-02T10:00:00Z',
      delivery: 'delivered',
      deliveredTo: ['matrix', 'slack'],
      deliveredAt: '2026-03-02T09:01:00Z',
      attempts: 2,
      nextAttemptAt: '2026-03-02T09:00:05Z',
      claimedBy: 'host:1:abc',
      claimUntil: '2026-03-02T09:02:00Z',
      lastError: 'slack: 503',
    }),
    subscription('uni:subscription:1', {
      visibility: 'restricted',
      owner: 'uni:inc:pt',
      date: '2026-03-02',
      subscriber: 'uni:inc:pt',
      createdBy: 'uni:person:Ζωή',
      subject: 'query',
      value: `drones at prisons ${UNICODE.greek}`,
      clearance: 'public',
      orgs: ['uni:org:polizei'],
    }),
    introduction('uni:introduction:1', {
      visibility: 'restricted',
      owner: 'uni:person:Ζωή',
      date: '2026-03-02T09:00:00Z',
      requester: 'uni:person:Ζωή',
      target: 'uni:org:polizei',
      targetKind: 'Organisation',
      viaHandle: true,
      work: 'uni:result:1',
      challenge: 'uni:challenge:1',
      question: UNICODE.greek,
      message: UNICODE.rtl,
      incs: ['uni:inc:pt', 'uni:inc:de'],
      status: 'approved',
      decidedAt: '2026-03-02T10:00:00Z',
      decidedBy: 'uni:person:Ζωή',
      decisionNote: UNICODE.emoji,
      steps: [JSON.stringify({ at: '2026-03-02T09:00:00Z', by: 'uni:person:Ζωή', step: 'requested' })],
    }),
  ];
}

/** One node of every kind with only required fields, so that every default shows. */
export function minimalNodeOfEveryKind(): InputOf<NodeKind>[] {
  return [
    person('min:person'),
    organisation('min:org'),
    country('min:country', 'FR'),
    inc('min:inc'),
    challenge('min:challenge'),
    topic('min:topic'),
    project('min:project'),
    result('min:result'),
    event('min:event'),
    poll('min:poll'),
    document('min:document'),
    statusChange('min:status'),
    comment('min:comment'),
    survey('min:survey'),
    surveyAnswer('min:survey-answer'),
    contactRoute('min:contact'),
    notice('min:notice'),
    subscription('min:subscription'),
    introduction('min:introduction'),
  ];
}

/**
 * People, organisations, projects and a topic with known shortest paths (undirected):
 *
 *   alice ─MEMBER_OF→ orgA ─PARTICIPATED_IN→ project:1 ←PARTICIPATED_IN─ orgB ←MEMBER_OF─ bob, carol
 *                      │  └─PARTICIPATED_IN→ project:2 ←PARTICIPATED_IN─┘
 *                      └─LOCATED_IN→ country:el
 *   alice ─EXPERT_IN→ topic ←EXPERT_IN─ bob
 */
export const COL = {
  alice: 'col:person:alice',
  bob: 'col:person:bob',
  carol: 'col:person:carol',
  orgA: 'col:org:a',
  orgB: 'col:org:b',
  p1: 'col:project:1',
  p2: 'col:project:2',
  topic: 'col:topic:drones',
  el: 'col:country:el',
} as const;

export function collaborationGraph(): Required<Omit<Batch, 'expect'>> {
  return {
    nodes: [
      person(COL.alice, { name: 'Αλίκη Παπαδοπούλου', country: 'EL', visibility: 'public' }),
      person(COL.bob, { name: 'Борис Иванов', country: 'BG', visibility: 'public' }),
      person(COL.carol, { name: 'Carole Dubois', country: 'FR', visibility: 'public' }),
      organisation(COL.orgA, { name: 'Hellenic Police Lab', orgKind: 'lea', country: 'EL', visibility: 'public' }),
      organisation(COL.orgB, { name: 'Université Fictive', orgKind: 'academia', country: 'FR', visibility: 'public' }),
      project(COL.p1, { acronym: 'SKYWATCH', programme: 'H2020', visibility: 'public' }),
      project(COL.p2, { acronym: 'DEEPTRACE', programme: 'HORIZON', visibility: 'public' }),
      topic(COL.topic, { label: 'Drones', visibility: 'public' }),
      country(COL.el, 'EL', { name: 'Ελλάδα', visibility: 'public' }),
    ],
    relationships: [
      rel('MEMBER_OF', COL.alice, COL.orgA, { role: 'analyst' }),
      rel('MEMBER_OF', COL.bob, COL.orgB),
      rel('MEMBER_OF', COL.carol, COL.orgB),
      rel('PARTICIPATED_IN', COL.orgA, COL.p1, { role: 'coordinator' }),
      rel('PARTICIPATED_IN', COL.orgB, COL.p1, { role: 'participant' }),
      rel('PARTICIPATED_IN', COL.orgA, COL.p2, { role: 'participant' }),
      rel('PARTICIPATED_IN', COL.orgB, COL.p2, { role: 'coordinator', weight: 0.5 }),
      rel('EXPERT_IN', COL.alice, COL.topic, { weight: 0.9 }),
      rel('EXPERT_IN', COL.bob, COL.topic),
      rel('LOCATED_IN', COL.orgA, COL.el),
    ],
  };
}

/** Who sees what in `visibilityGraph`, by hand rather than through `canSee`. */
export const VIS = {
  orgAlpha: 'vis:org:alpha',
  orgBeta: 'vis:org:beta',
  docPublic: 'vis:doc:public',
  docNetwork: 'vis:doc:network',
  docAlpha: 'vis:doc:alpha',
  docBeta: 'vis:doc:beta',
  docUnowned: 'vis:doc:unowned',
  personPublic: 'vis:person:public',
  personAlpha: 'vis:person:alpha',
} as const;

export function visibilityGraph(): Required<Omit<Batch, 'expect'>> {
  return {
    nodes: [
      organisation(VIS.orgAlpha, { visibility: 'network' }),
      organisation(VIS.orgBeta, { visibility: 'public', orgKind: 'academia' }),
      document(VIS.docPublic, { visibility: 'public', owner: VIS.orgBeta }),
      document(VIS.docNetwork, { visibility: 'network', owner: VIS.orgAlpha }),
      document(VIS.docAlpha, { visibility: 'restricted', owner: VIS.orgAlpha }),
      document(VIS.docBeta, { visibility: 'restricted', owner: VIS.orgBeta }),
      // Restricted without an owner: only clearance `all` may see it.
      document(VIS.docUnowned, { visibility: 'restricted' }),
      person(VIS.personPublic, { visibility: 'public' }),
      person(VIS.personAlpha, { visibility: 'restricted', owner: VIS.orgAlpha }),
    ],
    relationships: [
      rel('CITES', VIS.docPublic, VIS.docNetwork),
      rel('CITES', VIS.docNetwork, VIS.docAlpha),
      rel('CITES', VIS.docAlpha, VIS.docBeta),
      rel('CITES', VIS.docPublic, VIS.docUnowned),
      rel('CITES', VIS.docPublic, VIS.docAlpha),
      rel('PRODUCED', VIS.orgAlpha, VIS.docAlpha),
      rel('PRODUCED', VIS.orgBeta, VIS.docPublic),
      rel('PRODUCED', VIS.orgBeta, VIS.docBeta),
      rel('MEMBER_OF', VIS.personPublic, VIS.orgBeta),
      rel('MEMBER_OF', VIS.personAlpha, VIS.orgAlpha),
      rel('MEMBER_OF', VIS.personPublic, VIS.orgAlpha),
    ],
  };
}

/**
 * A short path through a hidden node and a longer one around it:
 *   a → hidden → c   and   a → x → y → c   (all CITES)
 */
export const HB = {
  a: 'hb:a',
  hidden: 'hb:hidden',
  c: 'hb:c',
  x: 'hb:x',
  y: 'hb:y',
  owner: 'hb:org:insiders',
} as const;

export function hiddenBridgeGraph(): Required<Omit<Batch, 'expect'>> {
  return {
    nodes: [
      document(HB.a, { visibility: 'public' }),
      document(HB.hidden, { visibility: 'restricted', owner: HB.owner }),
      document(HB.c, { visibility: 'public' }),
      document(HB.x, { visibility: 'public' }),
      document(HB.y, { visibility: 'public' }),
    ],
    relationships: [
      rel('CITES', HB.a, HB.hidden),
      rel('CITES', HB.hidden, HB.c),
      rel('CITES', HB.a, HB.x),
      rel('CITES', HB.x, HB.y),
      rel('CITES', HB.y, HB.c),
    ],
  };
}

/** Projects with known answers to field filters (see the list tests). */
export function projectCatalogue(): InputOf<'Project'>[] {
  return [
    project('lp:001', {
      acronym: 'ALPHA',
      programme: 'H2020',
      totalCost: 100,
      startDate: '2019-03-01',
      keywords: ['drones', 'forensics'],
      visibility: 'public',
    }),
    project('lp:002', {
      acronym: 'BETA',
      programme: 'H2020',
      totalCost: 250.5,
      startDate: '2020-11-15',
      keywords: ['cybercrime'],
    }),
    project('lp:003', { programme: 'HORIZON', totalCost: 1000, startDate: '2021-01-01', keywords: [] }),
    project('lp:004', { acronym: 'DELTA', programme: 'HORIZON', startDate: '2022-06-30', keywords: ['drones'] }),
    project('lp:005', {
      acronym: 'EPSILON',
      programme: 'FP7',
      totalCost: 0,
      keywords: ['drones', 'cybercrime'],
      visibility: 'public',
    }),
  ];
}

/**
 * Challenges for counting. ch:6's date is 2025 in UTC but counts for 2024-12: buckets read
 * the date's own first characters, not a time-zone conversion. ch:8 and topic secret are
 * restricted, so a network viewer sees ch:1..ch:7 and topics cyber and border.
 */
export function challengeSet(): Required<Omit<Batch, 'expect'>> {
  const secretOwner = 'cs:org:secret';
  return {
    nodes: [
      challenge('cs:ch:1', { date: '2023-01-15', status: 'open', area: 'cyber', keywords: ['phishing', 'ransomware'] }),
      challenge('cs:ch:2', { date: '2023-02-01', status: 'open', area: 'border', keywords: ['drones'] }),
      challenge('cs:ch:3', { date: '2023-05-20', status: 'closed', area: 'cyber', keywords: ['ransomware'] }),
      challenge('cs:ch:4', {
        date: '2024-07-04',
        status: 'addressed',
        area: 'cyber',
        keywords: ['ransomware', 'drones'],
      }),
      challenge('cs:ch:5', { date: '2024-07-30', status: 'open', area: 'border', keywords: ['drones'] }),
      challenge('cs:ch:6', { date: '2024-12-31T23:30:00-05:00', status: 'open', area: 'cbrn', keywords: ['cbrn'] }),
      challenge('cs:ch:7', { status: 'in-progress', area: 'cyber', keywords: ['phishing'] }),
      challenge('cs:ch:8', {
        date: '2023-03-03',
        status: 'open',
        area: 'cyber',
        keywords: ['secret-keyword'],
        visibility: 'restricted',
        owner: secretOwner,
      }),
      topic('cs:topic:cyber'),
      topic('cs:topic:border'),
      topic('cs:topic:secret', { visibility: 'restricted', owner: secretOwner }),
    ],
    relationships: [
      rel('ABOUT', 'cs:ch:1', 'cs:topic:cyber'),
      rel('ABOUT', 'cs:ch:3', 'cs:topic:cyber'),
      rel('ABOUT', 'cs:ch:4', 'cs:topic:cyber'),
      rel('ABOUT', 'cs:ch:7', 'cs:topic:cyber'),
      rel('ABOUT', 'cs:ch:2', 'cs:topic:border'),
      rel('ABOUT', 'cs:ch:4', 'cs:topic:border'),
      rel('ABOUT', 'cs:ch:5', 'cs:topic:border'),
      rel('ABOUT', 'cs:ch:6', 'cs:topic:secret'),
      rel('ABOUT', 'cs:ch:1', 'cs:topic:secret'),
      rel('ABOUT', 'cs:ch:8', 'cs:topic:cyber'),
    ],
  };
}

/** `n` topics `page:topic:000`…; every third is restricted to `page:org`, so paging for a viewer skips them. */
export function numberedTopics(n: number): InputOf<'Topic'>[] {
  return Array.from({ length: n }, (_, i) =>
    topic(
      `page:topic:${String(i).padStart(3, '0')}`,
      i % 3 === 2 ? { visibility: 'restricted', owner: 'page:org' } : {},
    ),
  );
}

/* ------------------------------------------------------------------ large batches */

/** The engine's seeded PRNG (mulberry32), so a failing large-batch test can be replayed exactly. */
export const seededRandom = seeded;

const LARGE_SHARE: readonly [NodeKind, number][] = [
  ['Person', 0.4],
  ['Organisation', 0.1],
  ['Project', 0.25],
  ['Topic', 0.05],
  ['Result', 0.2],
];

/** Relationship types of the large graph, each with the kinds it joins here. */
const LARGE_RELS: readonly { type: RelType; from: readonly NodeKind[]; to: NodeKind }[] = [
  { type: 'MEMBER_OF', from: ['Person'], to: 'Organisation' },
  { type: 'PARTICIPATED_IN', from: ['Organisation', 'Person'], to: 'Project' },
  { type: 'EXPERT_IN', from: ['Person', 'Organisation'], to: 'Topic' },
  { type: 'PRODUCED', from: ['Project'], to: 'Result' },
  { type: 'ABOUT', from: ['Project', 'Result'], to: 'Topic' },
];

/**
 * A valid batch of `nodes` nodes and `relationships` distinct relationships, the same for
 * the same seed. Names cycle through several scripts; visibility cycles through all three.
 */
export function largeBatch(
  nodes: number,
  relationships: number,
  seed = 20_240_229,
): { nodes: NodeInput[]; relationships: RelInput[] } {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const names = [UNICODE.greek, UNICODE.cyrillic, UNICODE.emoji, UNICODE.combining, UNICODE.rtl];
  const visibilities = ['public', 'network', 'restricted'] as const;
  const pools = new Map<NodeKind, string[]>();
  const out: NodeInput[] = [];
  let made = 0;
  LARGE_SHARE.forEach(([kind, share], k) => {
    const count = k === LARGE_SHARE.length - 1 ? nodes - made : Math.floor(nodes * share);
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = `bulk:${kind.toLowerCase()}:${String(i).padStart(6, '0')}`;
      const visibility = visibilities[(made + i) % 3] ?? 'network';
      const common = {
        visibility,
        ...(visibility === 'restricted' ? { owner: `bulk:organisation:${String(i % 97).padStart(6, '0')}` } : {}),
        ...(i % 4 === 0
          ? {}
          : {
              date: `${2014 + (i % 11)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
            }),
      };
      const name = `${names[i % names.length]} #${i}`;
      switch (kind) {
        case 'Person':
          out.push(
            person(id, {
              ...common,
              name,
              expertise: [`skill-${i % 50}`],
              country: pick(['EL', 'FR', 'DE', 'PT', 'UA']),
            }),
          );
          break;
        case 'Organisation':
          out.push(
            organisation(id, {
              ...common,
              name,
              orgKind: pick(['lea', 'academia', 'industry', 'public', 'ngo']),
              sme: i % 2 === 0,
            }),
          );
          break;
        case 'Project':
          out.push(
            project(id, {
              ...common,
              title: name,
              totalCost: (i % 1000) * 1_000.5,
              keywords: [`kw-${i % 30}`, `kw-${i % 7}`],
            }),
          );
          break;
        case 'Topic':
          out.push(topic(id, { ...common, label: name }));
          break;
        default:
          out.push(result(id, { ...common, title: name, trl: 1 + (i % 9) }));
      }
      ids.push(id);
    }
    pools.set(kind, ids);
    made += count;
  });

  const rels: RelInput[] = [];
  const seen = new Set<string>();
  const capacity = LARGE_RELS.reduce(
    (sum, r) => sum + r.from.reduce((s, k) => s + (pools.get(k)?.length ?? 0), 0) * (pools.get(r.to)?.length ?? 0),
    0,
  );
  if (relationships > capacity)
    throw new Error(`largeBatch: ${relationships} relationships do not fit in ${nodes} nodes`);
  while (rels.length < relationships) {
    const shape = LARGE_RELS[rels.length % LARGE_RELS.length];
    if (shape === undefined) break;
    const from = pick(pools.get(pick(shape.from)) ?? []);
    const to = pick(pools.get(shape.to) ?? []);
    const key = `${shape.type} ${from} ${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const props: Omit<Partial<RelInput>, 'type' | 'from' | 'to'> = shape.type === 'PARTICIPATED_IN'
      ? { role: pick(['coordinator', 'participant', 'partner']) }
      : shape.type === 'EXPERT_IN'
        ? { weight: Math.round(random() * 1000) / 1000 }
        : {};
    rels.push(rel(shape.type, from, to, props));
  }
  return { nodes: out, relationships: rels };
}
