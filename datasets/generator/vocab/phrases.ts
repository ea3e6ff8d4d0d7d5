/**
 * Phrases shared by all areas: the parts a challenge description, a result, a document,
 * an event or a poll is put together from. Slots: {city}, {lang}, {country}, {label}
 * (area label), {need} (one of the area's needs), {year}, {n}, {acronym}, {title}.
 */

/** Optional second sentence of a challenge: where and since when. */
export const CONTEXTS = [
  'It happens mostly around {city}.',
  'The problem has grown every year since {since}.',
  'Colleagues in neighbouring countries tell us they face the same.',
  'It comes up in almost every case we open.',
  'We raised it at the last regional meeting and nobody had an answer.',
  'Our current workaround takes two officers a full day per case.',
];

export const CONSTRAINTS = [
  'Any solution must respect data protection law and hold up in court.',
  'It has to run on the equipment our officers already carry.',
  'Case data may not leave the EU, so a foreign cloud service is not an option.',
  'The budget of a regional force is small, so it must be affordable.',
  'Officers need it to work in {lang}.',
  'It must work offline, in the field.',
  'Training time is short: a day at most.',
  'It has to fit into our existing case management system.',
];

export const ASKS = [
  'Has any agency solved this already?',
  'We are looking for a tested tool, or a partner who has done this before.',
  'We would pilot a solution for six months.',
  'We would like to hear from researchers working on this.',
  'We can share anonymised cases with anyone who can help.',
  'Is there a best practice we could adopt?',
];

/** How a challenge title is framed; `%` stands for the verb-first title. */
export const TITLE_FRAMES = ['%', '%', '%', 'Need: %', 'Looking for a way to %', 'How can we %?'];

export const ROLE_TITLES = {
  practitioner: [
    'Police officer',
    'Detective inspector',
    'Head of unit',
    'Criminal analyst',
    'Investigator',
    'Training coordinator',
  ],
  border: ['Border guard officer', 'Shift commander', 'Risk analyst'],
  customs: ['Customs officer', 'Customs investigator', 'Risk analyst'],
  forensic: ['Forensic examiner', 'Forensic scientist', 'Laboratory head'],
  cyber: ['Cybercrime investigator', 'Digital forensics examiner', 'Head of cyber unit'],
  researcher: [
    'Researcher',
    'Senior researcher',
    'Professor',
    'PhD candidate',
    'Postdoctoral researcher',
    'Research engineer',
  ],
  industry: [
    'Software engineer',
    'Product manager',
    'Solutions architect',
    'Data scientist',
    'Hardware engineer',
    'Business developer',
  ],
  policy: ['Policy officer', 'Head of department', 'Senior advisor', 'Programme manager'],
} as const;

export const BIOS = [
  '{title} at {org}, working on {expertise}.',
  '{title} at {org}. Interested in {expertise}.',
  '{title} ({org}); before that, {years} years in the field. Focus: {expertise}.',
  '{title} at {org}, coordinating work on {expertise} with partners in other countries.',
];

/** Result kinds with the range of maturity (TRL) they usually reach. */
export const RESULT_TYPES: readonly { readonly type: string; readonly trl: readonly [number, number] }[] = [
  { type: 'software tool', trl: [4, 8] },
  { type: 'prototype', trl: [3, 6] },
  { type: 'dataset', trl: [4, 7] },
  { type: 'training material', trl: [6, 9] },
  { type: 'method', trl: [2, 5] },
  { type: 'service', trl: [6, 9] },
  { type: 'hardware', trl: [4, 8] },
];

export const RESULT_DESCRIPTIONS = [
  '{title}. Built together with practitioners from {n} countries and tested in {city} in {year}.',
  '{title}, developed as a {type} and evaluated in an operational pilot with {n} agencies.',
  '{title}. Designed for {label}; the {type} was validated against real case data under a data protection agreement.',
  '{title}: a {type} that reached TRL {trl} in {year}. Available to network members on request.',
];

export const LICENCES = [
  'Released under an open-source licence.',
  'Commercial licence; free evaluation for public agencies.',
  'Access for vetted law enforcement users only.',
  '',
];

export const DOC_SUMMARIES = [
  'Practitioners from {country} describe what worked for them, based on {n} cases handled between {from} and {year}.',
  'A short guide for colleagues in the network, written after a joint operation in {year}.',
  'Lessons collected at a workshop in {city} in {year}, reviewed by legal and ethics advisors.',
  'A checklist and worked examples, with the mistakes we made so that others need not repeat them.',
];

export const DOC_TYPES = ['best-practice', 'best-practice', 'guideline', 'lessons-learned', 'checklist'];

export const EVENT_TITLES = [
  '{label}: practitioners\u2019 workshop',
  'Regional meeting on {label}',
  'Webinar: {need}',
  'Field demonstration: {need}',
  'Matchmaking day on {label}',
  'Hackathon: {need}',
];

export const NETWORK_EVENT_TITLES = [
  'Annual network conference {year}',
  'Innovation day {year}: needs and solutions',
  'Meeting of the national contact points {year}',
];

export const EVENT_DESCRIPTIONS = [
  'Practitioners, researchers and companies meet to discuss {need} and see what is ready for use.',
  'A day of short talks and demonstrations, followed by matchmaking between agencies with the same need.',
  'Hosted by {org}. Practitioners present open challenges; solution providers answer with tested results.',
  'An open session to collect the needs of frontline officers and agree on priorities for the coming year.',
];

export const POLL_QUESTIONS = [
  'Which gap in {label} should the network tackle first in {year}?',
  'Which capability would help your agency most with {label}?',
  'Where should the next joint pilot on {label} focus?',
];

export const POLL_EXTRA_OPTION = 'Something else (tell us in the comments)';

/** Parts of invented project acronyms: a head and a tail. */
export const ACRONYM_HEADS = [
  'SAFE',
  'TRACE',
  'SENTI',
  'VIGIL',
  'SHIELD',
  'CROSS',
  'NEXUS',
  'AEGIS',
  'LUMEN',
  'ARGUS',
  'CIVIS',
  'PRAE',
];
export const ACRONYM_TAILS = [
  'NET',
  'EYE',
  'LINK',
  'GUARD',
  'SCAN',
  'WATCH',
  'MIND',
  'PATH',
  'SENSE',
  'CORE',
  'BRIDGE',
  'DETECT',
];

export const PROJECT_AUDIENCES = [
  'European law enforcement',
  'border and coast guards',
  'first responders',
  'police and prosecutors',
  'customs authorities',
];

/** `{title}` stands alone (after a colon, in brackets): titles are noun phrases, some plural, none with an article. */
export const PROJECT_OBJECTIVES = [
  '{acronym} works with {n} law enforcement agencies on a need raised by practitioners: {need}. Planned result: {title}. It is tested in {k} pilots and assessed for its ethical, legal and societal impact.',
  'Practitioners across Europe report gaps in {label}. {acronym} brings agencies, universities and companies together around one answer ({title}) and trains the officers who will use it.',
  '{acronym} aims at {need} in the field of {label}. The consortium validates its tools with end users in {k} countries and publishes guidance for agencies that want to adopt them.',
];
