/**
 * The real sentence models through transformers.js. Skipped (with the reason printed) when a model
 * is not provisioned on this machine; in CI (`inCi()`) a missing model fails instead, since CI
 * runs `ileanet model fetch` first.
 *
 * Reference vectors were computed once through an independent path (test/embed/raw-onnx.ts: bare
 * onnxruntime session, mean pooling and L2 normalisation written out by hand; re-run with
 * `npx tsx test/embed/reference.ts`), one sentence per pass. Pinned: first 8 dimensions and
 * the sum of all 384.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedError } from '../../engine/embed/errors.js';
import { defaultModelsDir, MODELS, type ModelSpec } from '../../engine/embed/models.js';
import { createOnnxEmbedder, type OnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { modelDir, readManifest } from '../../engine/embed/provision.js';
import { requireService } from '../helpers/services.js';
import { REFERENCE_SENTENCES } from './reference.js';

const REFERENCE: Record<string, { head: number[]; sum: number }[]> = {
  'all-minilm-l6-v2-q@1.20.0-beta30': [
    { head: [0.109822, 0.060122, -0.095721, -0.019059, 0.059246, -0.006693, 0.134644, -0.116784], sum: 0.047391 },
    { head: [-0.039106, 0.044169, -0.067895, -0.048677, 0.130102, 0.031177, -0.048752, 0.000832], sum: -0.019266 },
    { head: [0.00203, -0.002615, -0.041597, -0.02485, -0.039035, -0.040215, 0.028393, -0.020633], sum: -0.52249 },
  ],
  'e5-small-v2-q@1.20.0-beta30': [
    { head: [-0.052436, 0.003268, -0.002493, -0.004698, 0.025913, 0.039939, 0.042557, -0.063593], sum: -0.162746 },
    { head: [-0.105022, -0.008267, -0.000655, -0.009051, 0.039072, -0.007945, 0.02741, -0.071212], sum: -0.131451 },
    { head: [-0.123605, 0.003589, -0.023083, 0.011553, 0.017292, 0.02633, 0.055664, -0.041503], sum: -0.162035 },
  ],
  'bge-small-en-v15-q@1.11.0-beta19': [
    { head: [-0.040571, 0.012686, -0.020386, -0.039517, 0.073986, 0.008893, 0.073039, 0.031865], sum: 0.143482 },
    { head: [-0.038621, -0.002729, 0.020182, -0.018773, 0.105064, -0.020814, 0.049672, 0.00004], sum: 0.12988 },
    { head: [-0.072415, -0.020181, -0.047629, 0.003655, 0.036871, 0.013488, 0.024687, -0.008807], sum: 0.130354 },
  ],
};
const TOLERANCE = 1e-4;

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

/** Whether `spec` is provisioned; when it is not, skips locally with the reason and fails in CI. */
const provisioned = (spec: ModelSpec, suite: string): boolean =>
  requireService(
    suite,
    readManifest(modelDir(defaultModelsDir(), spec)) !== undefined
      ? undefined
      : `model ${spec.name} provisioned in ${defaultModelsDir()} (run \`ileanet model fetch --model ${spec.aliases[0]}\`)`,
  );

for (const spec of MODELS) {
  if (!provisioned(spec, `OnnxEmbedder ${spec.name}`)) continue;
  describe(`OnnxEmbedder ${spec.name}`, () => {
    let e: OnnxEmbedder;
    beforeAll(async () => {
      e = await createOnnxEmbedder({ model: spec.aliases[0], threads: 2 });
    });
    afterAll(() => e?.close());

    it('names the model and version it was provisioned with', () => {
      expect(e.model).toBe(`${spec.name}@${spec.maven.version}`);
      expect(e.dimensions).toBe(384);
      expect(e.threads).toBe(2);
    });

    it('matches the reference vectors of the independent onnxruntime path (its pooling, L2 norm)', async () => {
      const vectors = await e.embed(REFERENCE_SENTENCES, 'passage');
      const ref = REFERENCE[e.model];
      expect(ref, `no reference for ${e.model}: run test/embed/reference.ts`).toBeDefined();
      vectors.forEach((v, i) => {
        expect(norm(v)).toBeCloseTo(1, 5);
        const want = ref?.[i];
        for (const [k, x] of Array.from(v.slice(0, 8)).entries()) {
          expect(Math.abs(x - (want?.head[k] ?? Number.NaN))).toBeLessThan(TOLERANCE);
        }
        expect(Math.abs(v.reduce((s, x) => s + x, 0) - (want?.sum ?? Number.NaN))).toBeLessThan(TOLERANCE * 10);
      });
    });

    // One text per forward pass (see OnnxEmbedderOptions.batchSize): a text's vector never depends on its neighbours.
    it('gives the same vector for a text alone or among others, in input order', async () => {
      const texts = [
        'short',
        'a considerably longer sentence about forensic laboratories and chains of custody',
        'mid length text here',
      ];
      const batch = await e.embed(texts, 'passage');
      for (const [i, t] of texts.entries()) {
        const [alone] = await e.embed([t], 'passage');
        expect(dot(alone as Float32Array, batch[i] as Float32Array)).toBeGreaterThan(1 - TOLERANCE);
      }
      expect(await e.embed([], 'passage')).toEqual([]);
    });

    it('ranks a related passage above an unrelated one', async () => {
      const [q] = await e.embed(['how to detect drones near prisons'], 'query');
      const [near, far] = await e.embed([REFERENCE_SENTENCES[0], 'Annual budget of the agricultural fund.'], 'passage');
      expect(dot(q as Float32Array, near as Float32Array)).toBeGreaterThan(
        dot(q as Float32Array, far as Float32Array) + 0.1,
      );
    });

    it(
      spec.prefixes.query ? 'prefixes queries and passages differently' : 'treats queries and passages alike',
      async () => {
        const [q] = await e.embed(['drone detection'], 'query');
        const [p] = await e.embed(['drone detection'], 'passage');
        if (spec.prefixes.query) expect(dot(q as Float32Array, p as Float32Array)).toBeLessThan(0.9999);
        else expect(dot(q as Float32Array, p as Float32Array)).toBeGreaterThan(0.9999);
      },
    );

    it('truncates text beyond the token window instead of failing', async () => {
      const [v] = await e.embed(['investigation '.repeat(2_000)], 'passage');
      expect(norm(v as Float32Array)).toBeCloseTo(1, 5);
    });
  });
}

describe('OnnxEmbedder without a model', () => {
  it('fails with ERR_MODEL_NOT_PROVISIONED naming the command to run', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ileanet-nomodel-'));
    const err = await createOnnxEmbedder({ model: 'e5-small', modelsDir: empty }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EmbedError);
    expect((err as EmbedError).code).toBe('ERR_MODEL_NOT_PROVISIONED');
    expect((err as Error).message).toMatch(/ileanet model fetch --model e5-small/);
  });
});

if (provisioned(MODELS[0] as ModelSpec, 'OnnxEmbedder version check')) {
  describe('OnnxEmbedder version check', () => {
    it('refuses a model string whose version is not the provisioned one', async () => {
      await expect(createOnnxEmbedder({ model: 'all-minilm-l6-v2-q@0.0.1' })).rejects.toThrow(
        /holds all-minilm-l6-v2-q@1.20.0-beta30/,
      );
    });
  });
}
