/**
 * `ileanet model fetch --model lexicons` (and `--model all`): the bilingual dictionaries of
 * ./lexicon.ts, from Debian's dict-freedict-* packages (FreeDict, GPL-2.0-or-later, fetched at
 * provision time and never shipped in this repository):
 *
 *   1. `apt-get download <package>=<pinned version>` for each package of a language (or the
 *      .deb files in `fromDebs`, for air-gapped machines); each .deb's SHA-256 checked against
 *      the pin, so a changed package fails the fetch instead of changing answers;
 *   2. `dpkg-deb -x`, then the dictd index and .dict.dz read into one headword → English map
 *      (foreign → English dictionary first, the English → foreign one read backwards after);
 *   3. `<dir>/freedict-<iso3>/lexicon.json` with a manifest.json recording the packages, their
 *      SHA-256 and the lexicon file's own, which `Lexicons.load` checks at every start.
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
import { EmbedError, projectRoot } from '../embed/index.js';

import {
  dictdEntries,
  LEXICON_FILE,
  LEXICON_FORMAT,
  LEXICON_LANGUAGES,
  type LexiconLanguage,
  mergeHeadwords,
  readForward,
  readReverse,
} from './lexicon.js';

export interface DebPin {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  /** foreign → English (`forward`) or English → foreign, read backwards (`reverse`). */
  readonly direction: 'forward' | 'reverse';
}

const pin = (name: string, version: string, sha256: string, direction: DebPin['direction']): DebPin => ({
  name,
  version,
  sha256,
  direction,
});

/**
 * The packages of each language, pinned to Debian 12's versions. German needs no reverse
 * dictionary: its own has 300,000 headwords (and eng-deu is another 19 MB download).
 */
export const LEXICON_PACKAGES: Readonly<Record<LexiconLanguage, readonly DebPin[]>> = {
  de: [
    pin(
      'dict-freedict-deu-eng',
      '2022.04.21-1',
      '52fa2ba6c73ebe84df0e4a7b8612a94a45e6026a157fc75f5ae36c4a1106e3db',
      'forward',
    ),
  ],
  fr: [
    pin(
      'dict-freedict-fra-eng',
      '2022.04.21-1',
      'fb853d1f3da00ddddfe60dc3b88b5aaca122eecf3ba5c219131bea479d6274db',
      'forward',
    ),
    pin(
      'dict-freedict-eng-fra',
      '2022.04.21-1',
      'b8db6774b640ae8a372bee119b4304d88e6fd471a283d1326d7ec0abcc8b930e',
      'reverse',
    ),
  ],
  es: [
    pin(
      'dict-freedict-spa-eng',
      '2022.04.21-1',
      'debf5f88fcdaebe824704664cdbb42b6c14f82ab4adda4e91bc388b16200eefc',
      'forward',
    ),
    pin(
      'dict-freedict-eng-spa',
      '2022.04.21-1',
      '1b6a624048eddad805dcf0473a74e53420fbe391e7f2638090bddf625e9ad2b6',
      'reverse',
    ),
  ],
  it: [
    pin(
      'dict-freedict-ita-eng',
      '2022.04.21-1',
      'f0d7a5dd47cefd2e7e8e3be19dc78df6607989324bb1ad8bc61b9a657c3a4774',
      'forward',
    ),
    pin(
      'dict-freedict-eng-ita',
      '2022.04.21-1',
      'aef18ac10bd7582f99b819f634edad0dc0060e59a06f3f041a40203c53e9bb22',
      'reverse',
    ),
  ],
  pl: [
    pin(
      'dict-freedict-pol-eng',
      '2022.12.07-2',
      'bb89dccd16967ebe5bdd9ca930cdfc17a6f1527ebae207b99183cbfa8692eeaa',
      'forward',
    ),
    pin(
      'dict-freedict-eng-pol',
      '2022.04.21-1',
      'edfc15cb7d7decb09d4af7e502d7bf9df170523506fd7d5918d02d8f8a03c816',
      'reverse',
    ),
  ],
  nl: [
    pin(
      'dict-freedict-nld-eng',
      '2022.04.21-1',
      '827dbf561be0ea04a70a049d8604a82aa2c709e7b744fe1096bd2c8008b0527d',
      'forward',
    ),
    pin(
      'dict-freedict-eng-nld',
      '2022.04.21-1',
      '82bc479217e728e95d61aedc4dfb8472b4a9db23412e9754b8f24a9a2d50e943',
      'reverse',
    ),
  ],
};

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
  readonly headwords: number;
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
  /** A folder holding the pinned .deb files: no apt-get (air-gapped machines). */
  readonly fromDebs?: string;
  readonly force?: boolean;
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

/** The .deb of a pin: from `fromDebs`, else downloaded into `work`; its SHA-256 checked either way. */
function debOf(p: DebPin, work: string, fromDebs: string | undefined, log: (l: string) => void): string {
  const prefix = `${p.name}_${p.version.replace(/^\d+:/u, '')}_`;
  let folder = fromDebs;
  if (folder === undefined) {
    folder = join(work, 'debs');
    mkdirSync(folder, { recursive: true });
    log(`lexicons: apt-get download ${p.name}=${p.version}`);
    run('apt-get', ['download', `${p.name}=${p.version}`], folder, `apt-get download ${p.name}=${p.version}`);
  }
  const file = readdirSync(folder).find((f) => f.startsWith(prefix) && f.endsWith('.deb'));
  if (file === undefined)
    throw new EmbedError('ERR_APT_FAILED', `no ${prefix}*.deb in ${folder}: the pinned package is needed`);
  const path = join(folder, file);
  const got = sha256(readFileSync(path));
  if (got !== p.sha256)
    throw new EmbedError(
      'ERR_CHECKSUM_MISMATCH',
      `${path} has SHA-256 ${got}, the pin of ${p.name} ${p.version} is ${p.sha256}: not used`,
    );
  return path;
}

/** Provisions each language missing or stale in the lexicons folder; a valid one is left as it is. */
export function fetchLexicons(options: LexiconFetchOptions = {}): LexiconFetchResult[] {
  const dir = options.dir ?? defaultLexiconsDir();
  const log = options.log ?? (() => {});
  const languages = options.languages ?? (Object.keys(LEXICON_LANGUAGES) as LexiconLanguage[]);
  mkdirSync(dir, { recursive: true });
  const out: LexiconFetchResult[] = [];
  for (const code of languages) {
    const target = lexiconDir(dir, code);
    if (options.force !== true && valid(target, code)) {
      out.push({
        language: code,
        dir: target,
        status: 'present',
        headwords: readLexiconManifest(target)?.headwords ?? 0,
      });
      continue;
    }
    const work = mkdtempSync(join(dir, `.fetch-${code}-`));
    try {
      const maps = [];
      for (const p of LEXICON_PACKAGES[code]) {
        const deb = debOf(p, work, options.fromDebs, log);
        const root = join(work, p.name);
        run('dpkg-deb', ['-x', deb, root], work, `dpkg-deb -x ${deb}`);
        const base = join(root, 'usr', 'share', 'dictd', p.name.replace(/^dict-/u, ''));
        if (!existsSync(`${base}.index`) || !existsSync(`${base}.dict.dz`))
          throw new EmbedError('ERR_APT_FAILED', `${deb} holds no ${base}.index and .dict.dz`);
        const entries = dictdEntries(
          readFileSync(`${base}.index`, 'utf8'),
          gunzipSync(readFileSync(`${base}.dict.dz`)),
        );
        maps.push(p.direction === 'forward' ? readForward(entries) : readReverse(entries));
      }
      const headwords = mergeHeadwords(...maps);
      const staging = join(work, 'out');
      mkdirSync(staging);
      const body = Buffer.from(JSON.stringify({ headwords: Object.fromEntries(headwords) }));
      writeFileSync(join(staging, LEXICON_FILE), body);
      const manifest: LexiconManifest = {
        format: LEXICON_FORMAT,
        language: code,
        packages: LEXICON_PACKAGES[code],
        headwords: headwords.size,
        files: { [LEXICON_FILE]: { sha256: sha256(body), bytes: body.length } },
        provisionedAt: new Date().toISOString(),
      };
      writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      writeFileSync(
        join(staging, 'README.md'),
        `# ${code} → English lexicon\n\nBuilt by \`ileanet model fetch --model lexicons\` on ${manifest.provisionedAt} from the FreeDict dictionaries of Debian's ${LEXICON_PACKAGES[code].map((p) => `${p.name} ${p.version}`).join(' and ')} (GPL-2.0-or-later). Do not edit: the manifest's checksum is checked at every start.\n`,
      );
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
      log(`lexicons: ${code} ${headwords.size.toLocaleString('en')} headwords in ${target}`);
      out.push({ language: code, dir: target, status: 'provisioned', headwords: headwords.size });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return out;
}
