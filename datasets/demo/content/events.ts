/**
 * Eight events between 2019 and 2025 and the three polls held at them. The builder picks
 * who attended (people working on the event's areas first) and how they answered.
 */
import type { Visibility } from '../../../graph/index.js';

export interface DemoEvent {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly date: string;
  readonly online: boolean;
  readonly country: string;
  readonly city?: string;
  /** An organisation key, or `inc:<CODE>`. */
  readonly organiser: string;
  readonly areas: readonly string[];
  readonly attendees: number;
  readonly visibility: Visibility;
}

export interface DemoPoll {
  readonly key: string;
  readonly event: string;
  readonly question: string;
  readonly options: readonly string[];
  readonly closesAt: string;
  readonly area: string;
}

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    key: 'network-conference-2019',
    title: 'Annual network conference 2019',
    description:
      'Practitioners from ten countries present the needs they could not solve alone; researchers and companies answer with what they have tested. Ends with a vote on the network\u2019s priorities for 2020.',
    date: '2019-11-14',
    online: false,
    country: 'BE',
    city: 'Brussels',
    organiser: 'inc:BE',
    areas: ['counter-uas', 'border-security', 'cybercrime'],
    attendees: 22,
    visibility: 'public',
  },
  {
    key: 'victim-id-workshop-2020',
    title: 'Victim identification workshop',
    description:
      'Victim identification specialists compare how they work, which tools help, and how they look after the analysts who do this work.',
    date: '2020-02-12',
    online: false,
    country: 'NL',
    city: 'Amsterdam',
    organiser: 'polderstad-police',
    areas: ['csam'],
    attendees: 8,
    visibility: 'network',
  },
  {
    key: 'border-matchmaking-2021',
    title: 'Matchmaking day on border surveillance',
    description:
      'Border services describe their gaps at land and sea borders; companies and universities with tested results meet them in short one-to-one sessions.',
    date: '2021-09-22',
    online: false,
    country: 'PL',
    city: 'Lublin',
    organiser: 'inc:PL',
    areas: ['border-security', 'counter-uas'],
    attendees: 14,
    visibility: 'public',
  },
  {
    key: 'after-the-floods-2022',
    title: 'After the floods: what we learned about crisis communication',
    description:
      'Civil protection, police and fire services review what the public heard, and when, during last year\u2019s floods.',
    date: '2022-04-06',
    online: true,
    country: 'EL',
    organiser: 'thalassa-civil-protection',
    areas: ['crisis-management'],
    attendees: 9,
    visibility: 'public',
  },
  {
    key: 'prison-drone-demo-2022',
    title: 'Field demonstration: drone detection at a prison',
    description:
      'A night at the pilot prison: live detection of test flights over the wall, the alert on the night shift\u2019s tablet, and a search for the pilot.',
    date: '2022-05-18',
    online: false,
    country: 'FR',
    city: 'Lyon',
    organiser: 'valmont-prisons',
    areas: ['counter-uas'],
    attendees: 12,
    visibility: 'public',
  },
  {
    key: 'crypto-webinar-2023',
    title: 'Webinar: seizing and holding crypto-assets',
    description:
      'The crypto desk of the Tammeküla Cybercrime Bureau walks through a seizure from the search to the court, with the custody procedure it now uses.',
    date: '2023-03-09',
    online: true,
    country: 'EE',
    organiser: 'tammekula-cyber',
    areas: ['crypto-assets'],
    attendees: 11,
    visibility: 'network',
  },
  {
    key: 'network-conference-2024',
    title: 'Annual network conference 2024',
    description:
      'Needs that came up most often in the past year, from drones scouting border patrols to deepfakes in court, and the results that already answer some of them.',
    date: '2024-11-20',
    online: false,
    country: 'BE',
    city: 'Brussels',
    organiser: 'inc:BE',
    areas: ['deepfakes', 'crypto-assets', 'counter-uas'],
    attendees: 26,
    visibility: 'public',
  },
  {
    key: 'deepfakes-in-court-2025',
    title: 'Deepfakes in court: what judges accept',
    description:
      'Forensic experts, prosecutors and researchers discuss how to show that a recording is genuine, or generated, in a way a court accepts.',
    date: '2025-03-27',
    online: true,
    country: 'NL',
    organiser: 'polderstad-tech',
    areas: ['deepfakes', 'digital-forensics'],
    attendees: 13,
    visibility: 'network',
  },
];

export const DEMO_POLLS: readonly DemoPoll[] = [
  {
    key: 'priorities-2020',
    event: 'network-conference-2019',
    question: 'Which capability gap should the network tackle first in 2020?',
    options: [
      'Drone detection at prisons and borders',
      'Tracing crypto-assets',
      'Linking cybercrime reports across borders',
      'Handling body-worn camera footage',
    ],
    closesAt: '2019-11-28',
    area: 'counter-uas',
  },
  {
    key: 'border-capabilities-2021',
    event: 'border-matchmaking-2021',
    question: 'Which border surveillance capability matters most for your service?',
    options: [
      'Fewer false alarms from cameras',
      'Detecting drones crossing the border',
      'Sharing the picture with neighbours',
      'Finding people hidden in vehicles',
    ],
    closesAt: '2021-10-06',
    area: 'border-security',
  },
  {
    key: 'emerging-threats-2024',
    event: 'network-conference-2024',
    question: 'Which emerging threat should the network\u2019s next pilots address?',
    options: [
      'Deepfakes presented as evidence',
      'Crypto ATMs and money mules',
      'Drones scouting border patrols',
      'Grooming in online games',
    ],
    closesAt: '2024-12-04',
    area: 'deepfakes',
  },
];
