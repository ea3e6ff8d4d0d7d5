/**
 * Fictional names. First names are common given names (not identifying on their own);
 * family names and place names are put together from parts, so that full names are
 * invented rather than taken from anyone. A part is a string, or a [masculine, feminine]
 * pair where the language inflects family names by gender (Polish -ski/-ska, Greek
 * -opoulos/-opoulou, Lithuanian -as/-ienė...).
 */
import type { Rng } from '../random.js';

type Part = string | readonly [string, string];

interface NameList {
  readonly female: readonly string[];
  readonly male: readonly string[];
  /** One pick from each list, joined. */
  readonly family: readonly (readonly Part[])[];
  /** Spanish and Portuguese people carry two family names. */
  readonly double?: boolean;
  /** Parts of invented place names, used to name fictional organisations. */
  readonly places: readonly (readonly string[])[];
}

const g = (m: string, f: string): readonly [string, string] => [m, f];

const LISTS = {
  german: {
    female: ['Anna', 'Katrin', 'Sabine', 'Julia', 'Lena', 'Miriam', 'Petra', 'Sophie', 'Claudia', 'Hanna'],
    male: ['Jonas', 'Markus', 'Stefan', 'Tobias', 'Lukas', 'Andreas', 'Florian', 'Matthias', 'Jan', 'Felix'],
    family: [
      [
        'Lind',
        'Eich',
        'Berg',
        'Wald',
        'Stein',
        'Brunn',
        'Rein',
        'Feld',
        'Ahorn',
        'Kessel',
        'Hage',
        'Lauter',
        'Birk',
        'Mohn',
      ],
      ['mann', 'hofer', 'bauer', 'berger', 'meier', 'haus', 'inger', 'bach', 'huber', 'ecker', 'wieser', 'roth'],
    ],
    places: [
      ['Ober', 'Unter', 'Alt', 'Neu', 'Hohen', 'Lauen', 'Tann', 'Wies', 'Eber', 'Rosen'],
      ['wald', 'feld', 'stadt', 'bruck', 'heim', 'dorf', 'au', 'tal', 'burg'],
    ],
  },
  dutch: {
    female: ['Sanne', 'Eva', 'Lotte', 'Femke', 'Inge', 'Marloes', 'Anouk', 'Noor', 'Els', 'Lieke'],
    male: ['Daan', 'Pieter', 'Joris', 'Bram', 'Koen', 'Wouter', 'Sander', 'Jeroen', 'Thijs', 'Maarten'],
    family: [
      ['', '', '', 'van ', 'van der ', 'van den ', 'de ', 'ter '],
      [
        'Berg',
        'Wijk',
        'Beek',
        'Linden',
        'Veld',
        'Bosch',
        'Meer',
        'Hoeven',
        'Graaf',
        'Dijk',
        'Akker',
        'Brink',
        'Heuvel',
        'Kamp',
        'Hout',
      ],
    ],
    places: [
      ['Zuid', 'Noord', 'Oost', 'West', 'Hoog', 'Laag', 'Klein', 'Groot'],
      ['veen', 'dijk', 'horst', 'broek', 'hoven', 'wolde', 'sluis', 'zande'],
    ],
  },
  french: {
    female: ['Camille', 'Claire', 'Élodie', 'Manon', 'Julie', 'Amélie', 'Sophie', 'Nathalie', 'Inès', 'Margaux'],
    male: ['Julien', 'Thomas', 'Nicolas', 'Antoine', 'Mathieu', 'Olivier', 'Hugo', 'Laurent', 'Benoît', 'Romain'],
    family: [
      ['Du', 'La', 'Beau', 'Mont', 'Bel', 'Roche', 'Bon', 'Ville', 'Mar', 'Haut'],
      ['four', 'mont', 'val', 'champ', 'bois', 'rive', 'fort', 'lac', 'pré', 'court', 'lieu', 'noir'],
    ],
    places: [
      ['Saint-Aure', 'Mont', 'Ville', 'Belle', 'Roque', 'Font', 'Clair'],
      ['mar', 'val', 'fleur', 'combe', 'sable', 'brune', 'lieu'],
    ],
  },
  italian: {
    female: ['Giulia', 'Chiara', 'Francesca', 'Martina', 'Elena', 'Silvia', 'Valentina', 'Alessia', 'Sara', 'Federica'],
    male: ['Marco', 'Luca', 'Davide', 'Matteo', 'Stefano', 'Andrea', 'Simone', 'Paolo', 'Lorenzo', 'Giorgio'],
    family: [
      ['Ross', 'Bianc', 'Fior', 'Ferr', 'Mont', 'Castell', 'Sant', 'Vall', 'Lomb', 'Gall', 'Mor', 'Cald', 'Marr'],
      ['i', 'ini', 'etti', 'elli', 'ucci', 'oni', 'ari', 'esi', 'otti'],
    ],
    places: [
      ['Monte', 'Castel', 'Borgo', 'Villa', 'Porto', 'Rocca', 'Val', 'Poggio'],
      ['verde', 'franco', 'nuovo', 'alto', 'chiaro', 'fiore', 'rosso', 'lungo'],
    ],
  },
  spanish: {
    female: ['Lucía', 'María', 'Carmen', 'Elena', 'Paula', 'Marta', 'Laura', 'Irene', 'Alba', 'Nuria'],
    male: ['Javier', 'Pablo', 'Alejandro', 'Diego', 'Sergio', 'Álvaro', 'Daniel', 'Jorge', 'Raúl', 'Iván'],
    family: [
      ['Alam', 'Cerv', 'Oliv', 'Rom', 'Cast', 'Mor', 'Hid', 'Serr', 'Val', 'Torr', 'Pard', 'Lun'],
      ['eda', 'era', 'ares', 'ero', 'illo', 'ales', 'ano', 'ente'],
    ],
    double: true,
    places: [
      ['Villa', 'Torre', 'Castro', 'Val', 'Fuente', 'Peña', 'Monte'],
      ['nueva', 'verde', 'mayor', 'seca', 'blanca', 'alta', 'rubia'],
    ],
  },
  portuguese: {
    female: ['Inês', 'Beatriz', 'Mariana', 'Catarina', 'Joana', 'Sofia', 'Rita', 'Marta', 'Leonor', 'Ana'],
    male: ['João', 'Tiago', 'Rui', 'Pedro', 'Miguel', 'Nuno', 'André', 'Diogo', 'Filipe', 'Ricardo'],
    family: [
      ['Alm', 'Carv', 'Ferr', 'Mour', 'Pinh', 'Tav', 'Ribe', 'Coel', 'Mach', 'Barr'],
      ['eida', 'alho', 'eira', 'ão', 'ares', 'ado', 'oso', 'inho'],
    ],
    double: true,
    places: [
      ['Vila', 'Torre', 'Monte', 'Vale', 'Porto', 'Serra'],
      ['verde', 'mar', 'alto', 'nova', 'clara', 'longa'],
    ],
  },
  polish: {
    female: [
      'Agnieszka',
      'Katarzyna',
      'Magdalena',
      'Joanna',
      'Aleksandra',
      'Zofia',
      'Ewa',
      'Monika',
      'Natalia',
      'Dorota',
    ],
    male: ['Piotr', 'Tomasz', 'Krzysztof', 'Paweł', 'Michał', 'Jakub', 'Marcin', 'Łukasz', 'Wojciech', 'Adam'],
    family: [
      ['Brzoz', 'Jastrzęb', 'Lipin', 'Modrzej', 'Sosn', 'Wierzb', 'Grab', 'Jodł', 'Kalin', 'Olsz', 'Cis', 'Mał'],
      [g('owski', 'owska'), g('ski', 'ska'), g('ecki', 'ecka'), 'ak', 'ik', g('ewski', 'ewska')],
    ],
    places: [
      ['Brzez', 'Lip', 'Zielon', 'Kamien', 'Biał', 'Jasien'],
      ['owo', 'ina', 'ice', 'ów', 'no'],
    ],
  },
  czech: {
    female: ['Tereza', 'Lucie', 'Kateřina', 'Veronika', 'Petra', 'Barbora', 'Markéta', 'Jana', 'Zuzana', 'Eva'],
    male: ['Jakub', 'Tomáš', 'Ondřej', 'Martin', 'Lukáš', 'Petr', 'Jiří', 'Michal', 'Vojtěch', 'Filip'],
    family: [
      ['Dvor', 'Hor', 'Krej', 'Svob', 'Vesel', 'Pokor', 'Kovář', 'Havel', 'Hrub', 'Lesn'],
      [g('ák', 'áková'), g('ek', 'ková'), g('ný', 'ná'), g('ík', 'íková'), g('ský', 'ská')],
    ],
    places: [
      ['Horní ', 'Dolní ', 'Nové ', 'Staré '],
      ['Lhota', 'Březí', 'Mlýny', 'Hradiště', 'Podolí'],
    ],
  },
  nordic: {
    female: ['Ingrid', 'Astrid', 'Karin', 'Sofie', 'Maja', 'Linnea', 'Freja', 'Sigrid', 'Elin', 'Ida'],
    male: ['Erik', 'Anders', 'Lars', 'Magnus', 'Nils', 'Henrik', 'Oskar', 'Johan', 'Mikkel', 'Sven'],
    family: [
      ['Lind', 'Berg', 'Sjö', 'Ek', 'Holm', 'Dahl', 'Nord', 'Strand', 'Fjell', 'Lund', 'Björk', 'Gran'],
      ['gren', 'ström', 'qvist', 'berg', 'lund', 'dal', 'sen', 'vik', 'stad', 'by'],
    ],
    places: [
      ['Nord', 'Sjö', 'Fjell', 'Ek', 'Lund', 'Vester', 'Øster'],
      ['by', 'vik', 'holm', 'stad', 'dal', 'sund'],
    ],
  },
  finnish: {
    female: ['Aino', 'Emmi', 'Helmi', 'Iida', 'Kaisa', 'Laura', 'Sanna', 'Noora', 'Venla', 'Riikka'],
    male: ['Mikko', 'Juha', 'Antti', 'Jussi', 'Ville', 'Eero', 'Teemu', 'Lauri', 'Otto', 'Janne'],
    family: [
      ['Mäki', 'Koski', 'Lahti', 'Järvi', 'Niemi', 'Kallio', 'Salo', 'Virta', 'Rinne', 'Harju'],
      ['nen', 'lä', 'aho', 'la', 'vaara', 'ranta', 'mäki', 'oja'],
    ],
    places: [
      ['Järvi', 'Koski', 'Salo', 'Vaara', 'Harju', 'Kuusi'],
      ['lahti', 'niemi', 'mäki', 'vesi', 'saari'],
    ],
  },
  estonian: {
    female: ['Kadri', 'Liis', 'Triin', 'Kristiina', 'Maarja', 'Piret', 'Eliise', 'Helen', 'Kati', 'Merle'],
    male: ['Tanel', 'Rein', 'Indrek', 'Mart', 'Priit', 'Siim', 'Kristjan', 'Tõnis', 'Ott', 'Marko'],
    family: [
      ['Tamm', 'Kask', 'Saar', 'Mägi', 'Kuusk', 'Lepp', 'Pärn', 'Sepp', 'Ilves', 'Kivi'],
      ['', 'ik', 'mets', 'oja', 'vere', 'la', 'mäe'],
    ],
    places: [
      ['Kuuse', 'Tamme', 'Järve', 'Männi', 'Lepa'],
      ['küla', 'vere', 'maa', 'jõe', 'nõmme'],
    ],
  },
  latvian: {
    female: ['Līga', 'Ilze', 'Inese', 'Kristīne', 'Dace', 'Anna', 'Zane', 'Laura', 'Sanita', 'Evija'],
    male: ['Jānis', 'Andris', 'Mārtiņš', 'Edgars', 'Kārlis', 'Raimonds', 'Toms', 'Uldis', 'Roberts', 'Artūrs'],
    family: [
      ['Bērz', 'Liep', 'Ozol', 'Kalniņ', 'Krūm', 'Lapiņ', 'Zariņ', 'Vītol', 'Sprog', 'Rozen'],
      [g('s', 'a'), g('iņš', 'iņa'), g('ovs', 'ova'), g('ājs', 'āja')],
    ],
    places: [
      ['Liep', 'Ozol', 'Bērz', 'Egl', 'Kalna'],
      ['ciems', 'muiža', 'krasti', 'pils'],
    ],
  },
  lithuanian: {
    female: ['Rūta', 'Eglė', 'Gintarė', 'Ieva', 'Aistė', 'Jurgita', 'Lina', 'Asta', 'Vaida', 'Rasa'],
    male: ['Tomas', 'Mantas', 'Darius', 'Mindaugas', 'Andrius', 'Paulius', 'Giedrius', 'Vytautas', 'Lukas', 'Karolis'],
    family: [
      ['Kazl', 'Petr', 'Jank', 'Stank', 'Vasil', 'Balt', 'Mick', 'Ramon', 'Šimk', 'Drag'],
      [g('auskas', 'auskienė'), g('evičius', 'evičiūtė'), g('ūnas', 'ūnienė'), g('aitis', 'aitytė')],
    ],
    places: [
      ['Ąžuol', 'Beržų', 'Liepų', 'Pušų'],
      ['ynas', 'kalnis', 'laukis', 'upė'],
    ],
  },
  hungarian: {
    female: ['Eszter', 'Katalin', 'Réka', 'Zsófia', 'Anna', 'Dóra', 'Krisztina', 'Nóra', 'Judit', 'Orsolya'],
    male: ['Bence', 'Gábor', 'Péter', 'Zoltán', 'Balázs', 'Tamás', 'Ádám', 'Dániel', 'Levente', 'Attila'],
    family: [
      ['Vár', 'Hegy', 'Tó', 'Kis', 'Fehér', 'Sár', 'Rét', 'Erdő', 'Mező', 'Kő'],
      ['i', 'helyi', 'falvi', 'szegi', 'kúti', 'halmi', 'vári', 'hegyi'],
    ],
    places: [
      ['Tisza', 'Duna', 'Kis', 'Nagy', 'Felső', 'Alsó'],
      ['halom', 'falva', 'szeg', 'berény', 'vár'],
    ],
  },
  romanian: {
    female: ['Ioana', 'Andreea', 'Elena', 'Mihaela', 'Alina', 'Raluca', 'Cristina', 'Irina', 'Oana', 'Diana'],
    male: ['Andrei', 'Mihai', 'Alexandru', 'Bogdan', 'Radu', 'Cristian', 'Ștefan', 'Adrian', 'Vlad', 'Dragoș'],
    family: [
      ['Pop', 'Dumitr', 'Stan', 'Ion', 'Munt', 'Dobr', 'Vlăd', 'Marin', 'Neag', 'Tudor'],
      ['escu', 'eanu', 'ache', 'oiu', 'ovici', 'ean'],
    ],
    places: [
      ['Valea ', 'Dealu ', 'Satu ', 'Izvoru '],
      ['Mare', 'Nou', 'Verde', 'Rece', 'Înalt'],
    ],
  },
  bulgarian: {
    female: ['Maria', 'Elena', 'Desislava', 'Ivana', 'Gergana', 'Radostina', 'Nadezhda', 'Teodora', 'Vesela', 'Milena'],
    male: ['Georgi', 'Ivan', 'Dimitar', 'Nikolay', 'Stoyan', 'Hristo', 'Plamen', 'Martin', 'Kaloyan', 'Todor'],
    family: [
      ['Petr', 'Dobr', 'Stoyan', 'Todor', 'Bel', 'Kamen', 'Velich', 'Zlat', 'Mlad', 'Rus'],
      [g('ov', 'ova'), g('ev', 'eva'), g('ski', 'ska')],
    ],
    places: [
      ['Zlat', 'Bel', 'Kamen', 'Dobr', 'Sred'],
      ['ograd', 'ovo', 'itsa', 'ets'],
    ],
  },
  greek: {
    female: [
      'Eleni',
      'Maria',
      'Katerina',
      'Sofia',
      'Dimitra',
      'Georgia',
      'Vasiliki',
      'Anastasia',
      'Christina',
      'Ioanna',
    ],
    male: [
      'Giorgos',
      'Nikos',
      'Dimitris',
      'Kostas',
      'Yannis',
      'Panagiotis',
      'Christos',
      'Vasilis',
      'Alexandros',
      'Stavros',
    ],
    family: [
      ['Papad', 'Karam', 'Andr', 'Konst', 'Nikol', 'Vlach', 'Mavr', 'Lambr', 'Stavr', 'Kyr', 'Theod', 'Argyr'],
      [g('opoulos', 'opoulou'), g('idis', 'idou'), g('akis', 'aki'), g('atos', 'atou'), g('ou', 'ou')],
    ],
    places: [
      ['Neo ', 'Ano ', 'Kato ', 'Palaio '],
      ['Chorio', 'Limani', 'Kastro', 'Pyrgos', 'Vouno'],
    ],
  },
  southslavic: {
    female: ['Ana', 'Ivana', 'Maja', 'Petra', 'Marija', 'Jelena', 'Nina', 'Tanja', 'Mateja', 'Katarina'],
    male: ['Luka', 'Marko', 'Ivan', 'Tomislav', 'Nikola', 'Matej', 'Stefan', 'Dejan', 'Jure', 'Filip'],
    family: [
      ['Kovač', 'Horvat', 'Mar', 'Petr', 'Jur', 'Novak', 'Vuk', 'Bab', 'Kral', 'Pavl', 'Grd', 'Zor'],
      ['ić', 'ović', 'ević', 'ec', 'inić', 'anić'],
    ],
    places: [
      ['Gornji ', 'Donji ', 'Novi ', 'Stari ', 'Veliki '],
      ['Brod', 'Grad', 'Dol', 'Vrh', 'Most'],
    ],
  },
  english: {
    female: ['Emma', 'Sarah', 'Charlotte', 'Hannah', 'Rebecca', 'Claire', 'Siobhan', 'Fiona', 'Laura', 'Grace'],
    male: ['James', 'Thomas', 'Daniel', 'Oliver', 'Callum', 'Ciaran', 'Robert', 'Michael', 'Owen', 'Patrick'],
    family: [
      ['Ash', 'Black', 'Brook', 'Chester', 'Hart', 'Fair', 'Hay', 'Holl', 'Thorn', 'Whit', 'Lang', 'Crane'],
      ['ford', 'field', 'well', 'ton', 'ley', 'wood', 'by', 'more', 'ridge', 'combe'],
    ],
    places: [
      ['Ash', 'Brook', 'Kings', 'Lang', 'Thorn', 'Wick'],
      ['bridge', 'ham', 'mouth', 'stead', 'worth', 'field'],
    ],
  },
  maltese: {
    female: ['Maria', 'Graziella', 'Roberta', 'Nicole', 'Rebecca', 'Daniela', 'Christine', 'Simone'],
    male: ['Joseph', 'Mark', 'Luke', 'Kurt', 'Matthew', 'Karl', 'Clayton', 'Neil'],
    family: [
      ['Bor', 'Cami', 'Far', 'Gal', 'Mif', 'Sap', 'Zam', 'Azz', 'Spit'],
      ['g', 'lleri', 'rugia', 'ea', 'sud', 'iano', 'mit', 'eri'],
    ],
    places: [
      ['Ħal ', 'Tal-', 'Wied '],
      ['Qormi', 'Għajn', 'Xatt', 'Blata'],
    ],
  },
  ukrainian: {
    female: ['Olena', 'Iryna', 'Oksana', 'Nataliia', 'Yuliia', 'Kateryna', 'Tetiana', 'Sofiia', 'Daryna', 'Halyna'],
    male: ['Oleksandr', 'Andrii', 'Dmytro', 'Serhii', 'Mykola', 'Taras', 'Bohdan', 'Yurii', 'Vasyl', 'Ihor'],
    family: [
      ['Shevch', 'Bondar', 'Kovalen', 'Tkach', 'Moroz', 'Lysen', 'Kravch', 'Savch', 'Rudn', 'Hnat'],
      ['enko', 'uk', 'chuk', 'ko', 'yk', 'ets'],
    ],
    places: [
      ['Zelen', 'Bilo', 'Novo', 'Staro', 'Vyshn'],
      ['hrad', 'pillia', 'dolyna', 'horod'],
    ],
  },
} as const satisfies Record<string, NameList>;

export type NameGroup = keyof typeof LISTS;
export const NAME_GROUPS = Object.keys(LISTS) as NameGroup[];

const join = (rng: Rng, parts: readonly (readonly Part[])[], female: boolean): string => {
  let out = '';
  for (const list of parts) {
    const part = rng.pick(list);
    out += typeof part === 'string' ? part : part[female ? 1 : 0];
  }
  return out;
};

/** A fictional full name in the name customs of one language community. */
export function personName(rng: Rng, group: NameGroup): string {
  const list: NameList = LISTS[group];
  const female = rng.chance(0.5);
  const first = rng.pick(female ? list.female : list.male);
  const family = join(rng, list.family, female);
  if (list.double === true) return `${first} ${family} ${join(rng, list.family, female)}`;
  return `${first} ${family}`;
}

/** An invented place name, used in names of fictional organisations. */
export function placeName(rng: Rng, group: NameGroup): string {
  return join(rng, LISTS[group].places, false);
}
