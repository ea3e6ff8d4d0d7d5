/** Six best-practice documents written by practitioners, some citing results, some answering challenges. */
import type { Visibility } from '../../../graph/index.js';

export interface DemoDocument {
  readonly key: string;
  readonly title: string;
  readonly summary: string;
  readonly docType: string;
  readonly date: string;
  readonly visibility?: Visibility;
  readonly author: string;
  readonly org: string;
  readonly areas: readonly string[];
  readonly addresses?: readonly string[];
  readonly cites?: readonly string[];
}

export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  {
    key: 'prison-drone-playbook',
    title: 'Protecting prisons against drone drops: a playbook from three pilot sites',
    summary:
      'What the night shift does when the alert comes, how to search the yard, how to work with the local police on finding the pilot, and what the sensors cost to run.',
    docType: 'best-practice',
    date: '2022-09-26',
    author: 'olivier-dufresnel',
    org: 'valmont-prisons',
    areas: ['counter-uas'],
    addresses: ['prison-drone-drops', 'small-prisons-drones'],
    cites: ['skyfence-sensor-network'],
  },
  {
    key: 'crypto-seizure-guide',
    title: 'Seizing crypto-assets: a step-by-step guide for investigators',
    summary:
      'How to recognise wallets during a search, secure seed phrases, move assets to custody and document each step for court. Written by the crypto desk after its first twenty cases.',
    docType: 'best-practice',
    date: '2024-04-11',
    author: 'kadri-tammik',
    org: 'tammekula-cyber',
    areas: ['crypto-assets'],
    addresses: ['wallets-during-searches'],
    cites: ['seized-wallet-procedure'],
  },
  {
    key: 'osint-legal-checklist',
    title: 'Lawful use of open sources in investigations: a checklist',
    summary:
      'Ten questions to answer before collecting from open sources, drawn from the laws of five countries and reviewed by prosecutors.',
    docType: 'guideline',
    date: '2023-06-30',
    author: 'joris-lindeveld',
    org: 'brugmont-university',
    areas: ['osint'],
    cites: ['osint-workbench'],
  },
  {
    key: 'flood-first-hours',
    title: 'Lessons from the 2023 floods: the first six hours',
    summary:
      'What went wrong and right in the first six hours: who called whom, what the public heard, and what we changed afterwards.',
    docType: 'lessons-learned',
    date: '2023-12-04',
    author: 'giorgos-theodatos',
    org: 'thalassa-civil-protection',
    areas: ['crisis-management'],
    addresses: ['wrong-shelters-rumours'],
  },
  {
    key: 'bwc-domestic-violence',
    title: 'Body-worn cameras on domestic violence calls: our rules after two years',
    summary:
      'When to switch on, what to tell the people present, and how the footage helped in court. Includes the instruction we give to new officers.',
    docType: 'best-practice',
    date: '2020-03-18',
    author: 'mikko-koskiaho',
    org: 'jarvenkoski-police',
    areas: ['body-worn-cameras'],
    addresses: ['bwc-switch-on'],
  },
  {
    key: 'analyst-wellbeing-routine',
    title: 'Our routine for analysts who review abuse material',
    summary:
      'Shift lengths, compulsory breaks, supervision and the screen settings we use. Internal to the unit; shared with partner units on request.',
    docType: 'best-practice',
    date: '2022-11-09',
    visibility: 'restricted',
    author: 'bram-ter-hoeven',
    org: 'polderstad-police',
    areas: ['csam'],
    cites: ['wellbeing-viewer'],
  },
];
