/**
 * Thirty-nine needs raised by practitioners between 2018 and 2025, in their own words.
 * Drones, crypto-assets and deepfakes come up more and more; body-worn cameras fade.
 * Some are answered by results (see projects.ts), some are open gaps with many votes.
 * `votes` is how many people back the need; the builder picks who.
 */
import type { Visibility } from '../../../graph/index.js';

export type Status = 'open' | 'in-progress' | 'addressed' | 'closed';

export interface DemoChallenge {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly area: string;
  readonly by: string;
  readonly date: string;
  readonly status: Status;
  readonly votes: number;
  readonly keywords: readonly string[];
  readonly visibility?: Visibility;
  /** Also raised on behalf of a country's contact point. */
  readonly inc?: string;
}

type Row = [
  key: string,
  area: string,
  by: string,
  date: string,
  status: Status,
  votes: number,
  title: string,
  description: string,
  keywords: string,
  extra?: Partial<DemoChallenge>,
];

// biome-ignore format: one row per line reads as a table; the formatter would spread each row over a dozen lines
const ROWS: Row[] = [
  // Drones and counter-UAS
  ['prison-drone-drops', 'counter-uas', 'olivier-dufresnel', '2019-03-12', 'addressed', 12, 'Detect drones dropping contraband over prison walls at night',
    'Three times last month a drone dropped phones and drugs into the yard of our largest prison, always after dark. Staff hear the rotors but find the package only at the morning count. We need to detect small drones before they cross the wall, and ideally find the pilot outside.',
    'drones;prisons;contraband;night detection'],
  ['river-drone-smuggling', 'counter-uas', 'piotr-jodlowiecki', '2021-06-02', 'in-progress', 9, 'Drones carrying cigarettes across the river border',
    'Smugglers fly heavy drones loaded with cigarettes across the river at night, in under two minutes. Our radar is tuned for vehicles and people and does not see them. We need detection along twenty kilometres of riverbank, and a way to locate the operator on our side.',
    'drones;smuggling;land border;pilot localisation'],
  ['concert-drones', 'counter-uas', 'anna-lindhofer', '2022-08-19', 'in-progress', 7, 'Protect open-air concerts from unauthorised drones',
    'Every summer weekend we police open-air concerts with tens of thousands of people. A drone falling into the crowd, or carrying something worse, is our worst case. Jammers are not allowed near the venue because of the organisers\u2019 radio links. What works in a crowded city?',
    'drones;mass events;crowd safety'],
  ['pilot-not-drone', 'counter-uas', 'daan-weidewijk', '2023-04-04', 'open', 10, 'Find the pilot, not just the drone',
    'Our detectors tell us a drone is over the port, but by the time a patrol arrives the pilot is gone. Tracing the remote-control signal back to a car or a balcony would change everything. Has anyone tested this in a city?',
    'drones;pilot localisation;port'],
  ['small-prisons-drones', 'counter-uas', 'nathalie-hautbois', '2023-10-10', 'open', 7, 'Drone drops at small prisons that cannot afford a sensor network',
    'The sensor network at our main prison works, but our four small prisons cannot pay for one each. Is there a lighter set-up, perhaps shared between sites, that still warns the night shift in time?',
    'drones;prisons;low cost'],
  ['hostile-hobby-drones', 'counter-uas', 'julien-rochevalle', '2024-05-22', 'open', 8, 'Tell careless hobby pilots from hostile drones near a power plant',
    'Hobby pilots fly near the power plant almost every week, mostly by mistake. Each alert means sending a patrol. We need drones classified automatically, so that we react to the few flights that matter.',
    'drones;classification;critical infrastructure'],
  ['border-scout-drones', 'counter-uas', 'piotr-jodlowiecki', '2025-02-14', 'open', 1, 'Smugglers use drones to watch our patrols',
    'Smuggling groups now fly drones ahead of their couriers to see where our patrols are. We need to know when we are being watched, and from where. Details of the affected sections are kept within our service.',
    'drones;border patrols;counter-surveillance', { visibility: 'restricted', inc: 'PL' }],
  ['sport-events-drones', 'counter-uas', 'anna-lindhofer', '2025-06-30', 'open', 6, 'Counter-drone measures for the sports events of next summer',
    'Next summer our city hosts three international tournaments. We must protect the stadiums and the fan zones from drones, with equipment we can move between sites within a day.',
    'drones;stadiums;mobile equipment'],
  // Crypto-assets
  ['crypto-custody', 'crypto-assets', 'kadri-tammik', '2020-11-05', 'addressed', 8, 'Hold seized crypto-assets safely until trial',
    'We seized our first large amount of bitcoin last year and had to improvise: a laptop in a safe and two officers who knew the passphrase. Prosecutors ask who controls the keys, and the value changes by the hour. We need an approved procedure and the tools to follow it.',
    'crypto-assets;seizure;custody'],
  ['mixer-drug-proceeds', 'crypto-assets', 'giulia-castelmonte', '2022-03-17', 'in-progress', 7, 'Follow laundered drug proceeds through mixers',
    'Our cocaine cases now end in bitcoin. We can follow the money until it enters a mixer; then the trail goes cold. Which tools or methods get through, and would a court accept their results?',
    'mixers;money laundering;drug proceeds'],
  ['crypto-atm-mules', 'crypto-assets', 'sanne-brinkhoven', '2023-09-08', 'open', 9, 'Money mules feeding cash into crypto ATMs',
    'Teenagers are recruited as money mules to feed cash into the crypto ATMs around the central station. The operators answer our requests slowly, and we cannot see the wallets behind the machines.',
    'crypto ATMs;money mules;cash'],
  ['cross-chain-bridges', 'crypto-assets', 'kadri-tammik', '2024-02-20', 'in-progress', 11, 'Cross-chain bridges break our tracing',
    'Since last year almost every ransom we follow hops from one blockchain to another through a bridge, and our tools stop at the first hop. We need tracing that follows funds across chains.',
    'cross-chain bridges;tracing;ransom'],
  ['wallets-during-searches', 'crypto-assets', 'marco-valleresi', '2024-11-12', 'in-progress', 5, 'Recognise crypto wallets during searches',
    'During house searches our officers walk past hardware wallets, seed phrases written on paper and wallet apps on phones. A short training and a pocket guide would already help.',
    'wallets;searches;training'],
  ['freeze-at-exchanges', 'crypto-assets', 'siim-kaskoja', '2025-04-03', 'open', 10, 'Freeze stolen funds at exchanges within hours',
    'Victims of investment fraud call us while the money is still moving. Exchanges abroad take days to answer a freezing request. Is there a network of contacts, or an agreed format, that gets an answer within hours?',
    'exchanges;freezing;investment fraud'],
  // Deepfakes
  ['ceo-fraud-voices', 'deepfakes', 'miriam-steinwieser', '2022-10-27', 'in-progress', 7, 'CEO fraud calls with cloned voices',
    'Two companies in our region transferred large sums after phone calls from their own chief executive. The voice had been cloned from interviews online. We cannot prove the recordings are synthetic.',
    'voice cloning;CEO fraud;audio forensics'],
  ['sextortion-generated-images', 'deepfakes', 'eleni-karamidou', '2024-03-15', 'open', 14, 'Sextortion with generated nude images of teenagers',
    'Teenagers are threatened with fake nude images made from their holiday photos. They are ashamed and come to us late. We need to show quickly that an image is generated, and to get it taken down everywhere.',
    'sextortion;generated images;teenagers'],
  ['deepfake-evidence-court', 'deepfakes', 'mikko-koskiaho', '2025-01-09', 'open', 16, 'Defence lawyers claim our video evidence is a deepfake',
    'In two trials this year the defence argued that CCTV footage might have been manipulated. Our experts had no accepted method to show that it was not. We need a procedure that courts across Europe will accept.',
    'video evidence;court;authenticity'],
  ['deepfake-triage', 'deepfakes', 'miriam-steinwieser', '2025-05-21', 'open', 6, 'Triage suspected deepfakes among incoming reports',
    'We now receive several reports a week with audio or video that may be generated. Our two media experts cannot examine them all. We need a first automatic check that tells us which ones to look at.',
    'triage;synthetic media;reports'],
  // Body-worn cameras
  ['bwc-blur-bystanders', 'body-worn-cameras', 'claire-montbel', '2018-02-12', 'addressed', 7, 'Blur bystanders in body-worn camera footage before it is released',
    'Every request for footage from a public order operation means hours of blurring faces and number plates by hand. We need this done automatically, with a record of what was changed.',
    'body-worn cameras;redaction;privacy'],
  ['bwc-switch-on', 'body-worn-cameras', 'mikko-koskiaho', '2018-09-30', 'addressed', 4, 'When should officers switch the camera on?',
    'Officers ask for a clear rule for domestic violence calls: always, never inside the home, or only when asked? Other forces must have settled this already.',
    'body-worn cameras;domestic violence;policy'],
  ['bwc-storage-costs', 'body-worn-cameras', 'andreas-reinfeld', '2019-05-14', 'closed', 3, 'Storage costs of body-worn camera footage',
    'We keep every recording for six months and the storage bill doubles each year. How long do others keep footage, and where?',
    'body-worn cameras;storage;retention'],
  // Border security
  ['small-boats-night', 'border-security', 'javier-torrente', '2018-06-18', 'addressed', 10, 'Detect small boats approaching the coast at night',
    'Fast boats carrying hashish and people reach our beaches at night, too small for the coastal radar. Our patrol boats cannot cover sixty kilometres of coast.',
    'small boats;maritime surveillance;night'],
  ['forest-false-alarms', 'border-security', 'agnieszka-olszanecka', '2020-10-01', 'addressed', 7, 'False alarms from thermal cameras in the border forest',
    'Our thermal cameras along the forest border raise hundreds of alarms a night for deer, wild boar and swaying branches. Guards have started to ignore them.',
    'thermal cameras;false alarms;land border'],
  ['maritime-picture-sharing', 'border-security', 'lucia-pardales', '2023-07-11', 'open', 6, 'Share the maritime picture with the neighbouring coast guard in real time',
    'The coast guard across the strait sees boats leaving that we see arriving an hour later. We exchange by phone. A shared picture of tracks would let both sides act sooner.',
    'maritime surveillance;information sharing;cross-border'],
  // Trafficking in human beings
  ['farm-labour-victims', 'trafficking', 'nikos-stavratos', '2019-04-23', 'addressed', 8, 'Recognise victims of labour exploitation during farm inspections',
    'During the harvest our officers check hundreds of farm workers. Some are clearly exploited, but we lack simple signs to tell, and the workers fear us more than their employers.',
    'labour exploitation;agriculture;victim identification'],
  ['social-media-job-lures', 'trafficking', 'manon-belcourt', '2021-12-02', 'open', 7, 'Job offers on social media that lure women into exploitation',
    'Offers for hostess, nanny and modelling jobs abroad appear in closed groups and vanish after a day. We find them only when a victim tells us about them.',
    'recruitment;social media;sexual exploitation'],
  ['victims-other-languages', 'trafficking', 'nikos-stavratos', '2024-06-17', 'in-progress', 5, 'Interview victims who speak neither Greek nor English',
    'Many victims we meet speak Bengali, Urdu or Tigrinya. Interpreters come the next day at best, and by then the victim has often left.',
    'interviews;languages;victims'],
  // Child sexual abuse material
  ['victim-id-scenes', 'csam', 'bram-ter-hoeven', '2019-11-20', 'addressed', 9, 'Identify child victims faster by matching rooms and objects',
    'Our team compares backgrounds, furniture and objects across images by eye. Images taken in the same room may sit in cases years apart. A tool that finds them would save children sooner.',
    'victim identification;scene matching'],
  ['grooming-gaming-chats', 'csam', 'eleni-karamidou', '2023-02-06', 'open', 11, 'Grooming in the chats of online games',
    'Offenders contact children in the chats of popular games and move them to private messengers within days. The platforms report late, and we see nothing until a parent comes to us.',
    'grooming;online games;children'],
  // Drugs
  ['container-cocaine', 'drugs', 'chiara-poggioverde', '2018-04-09', 'addressed', 7, 'Too few container inspections for the cocaine arriving in our port',
    'We scan one container in a hundred. Cocaine hides among bananas, scrap metal and furniture. We need to know which containers deserve the scanner.',
    'containers;cocaine;port;risk targeting'],
  ['drug-lab-waste', 'drugs', 'femke-zandwijk', '2021-08-25', 'open', 4, 'Drug-lab waste dumped in the countryside',
    'Barrels of chemical waste from synthetic drug labs are dumped in woods and fields. Farmers find them by chance. Could satellite or drone images help us find dump sites, and the labs?',
    'synthetic drugs;drug labs;dump sites'],
  // Crisis management
  ['flood-radio-contact', 'crisis-management', 'aino-lahtivaara', '2021-07-19', 'addressed', 7, 'Radio contact lost during the floods',
    'When the river flooded, mobile masts lost power and our teams could not reach each other for hours. Our radios did not reach the valley either.',
    'floods;communications;first responders'],
  ['wrong-shelters-rumours', 'crisis-management', 'lucia-pardales', '2023-09-12', 'in-progress', 5, 'Rumours sent people to the wrong shelters during the forest fires',
    'During the forest fires, messages on social media sent families to a shelter that was already full and cut off. Our official messages came later and were shared less.',
    'forest fires;public warning;rumours'],
  // Cybercrime
  ['ransomware-municipalities', 'cybercrime', 'sanne-brinkhoven', '2018-11-15', 'addressed', 6, 'Link ransomware attacks on small municipalities',
    'Four small municipalities in our zone were hit by ransomware in a year. Each case sits with a different team, and we suspect the same group.',
    'ransomware;municipalities;case linking'],
  ['ransomware-evidence', 'cybercrime', 'siim-kaskoja', '2020-03-02', 'addressed', 5, 'Secure evidence after ransomware attacks before systems are restored',
    'Victims restore their systems from backups before we arrive, and the traces of the attack are gone. We need first responders who can secure evidence in the first hour.',
    'ransomware;first response;evidence'],
  // Others
  ['dna-mixture-court', 'forensic-science', 'tobias-eichbauer', '2018-05-28', 'addressed', 2, 'Our DNA mixture reports are challenged in court',
    'Defence experts challenge our interpretation of mixed DNA traces, and laboratories abroad report the same traces differently. Details of the cases stay within our service.',
    'DNA mixtures;court;interpretation', { visibility: 'restricted' }],
  ['social-posts-evidence', 'osint', 'manon-belcourt', '2021-04-14', 'addressed', 7, 'Capture social media posts as evidence before they disappear',
    'Posts that show threats or sales of weapons are deleted within hours. Screenshots are not enough for the court. We need capture with proof of time and origin.',
    'OSINT;evidence capture;social media'],
  ['port-energy-sabotage', 'critical-infrastructure', 'pieter-van-akkerdonk', '2024-10-21', 'in-progress', 7, 'Sabotage at remote energy sites in the port area',
    'Fences around substations in the port were cut twice this year. The operator noticed the next morning. We need to know when someone is on a site, and the operator and police must hear it at the same time.',
    'substations;sabotage;port'],
  ['prison-radicalisation', 'radicalisation', 'nathalie-hautbois', '2018-03-08', 'closed', 4, 'Spot radicalisation among inmates early',
    'Staff notice changes in behaviour but do not know what they mean or whom to tell. We need a shared list of signs and a clear path for reporting.',
    'radicalisation;prisons;early signs'],
  ['christmas-market-barriers', 'public-spaces', 'claire-montbel', '2023-11-28', 'open', 6, 'Christmas markets: barriers that stop vans but let ambulances through',
    'Concrete blocks protect our Christmas market against vehicle attacks, but they also block ambulances and wheelchairs. We need barriers that can open in seconds for emergency services.',
    'public spaces;vehicle ramming;barriers', { inc: 'BE' }],
];

export const DEMO_CHALLENGES: readonly DemoChallenge[] = ROWS.map(
  ([key, area, by, date, status, votes, title, description, keywords, extra]) => ({
    key,
    area,
    by,
    date,
    status,
    votes,
    title,
    description,
    keywords: keywords.split(';'),
    ...extra,
  }),
);
