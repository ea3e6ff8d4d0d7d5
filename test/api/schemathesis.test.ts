/**
 * schemathesis (PyPI, `npm run schemathesis:install` → .cache/schemathesis/venv) over the
 * OpenAPI document the server serves, for every operation, once per role and once without a
 * token: any 5xx, any status the document does not list, any answer outside its schema or
 * content type fails. The server is the real app over the demo dataset with the dense side
 * (deterministic embedder), listening on loopback; the rate limits are lifted so the fuzzer
 * meets the routes, not the limiter. Bounded by examples per operation (a few minutes in all).
 * Locally a missing venv skips with the reason; in CI it fails (test/helpers/services.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../engine/embed/models.js';
import { requireService } from '../helpers/services.js';
import { type ApiFixture, openApi, type TokenName } from './helpers.js';

const HOME = process.env['SCHEMATHESIS_HOME'] ?? join(projectRoot(), '.cache', 'schemathesis');
const CLI = join(HOME, 'venv', 'bin', 'schemathesis');
/** Examples per operation and role: 17 operations × 5 callers × this ≈ the requests sent. */
const EXAMPLES = Number(process.env['ILEANET_SCHEMATHESIS_EXAMPLES'] ?? 25);
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'unsupported_method',
  'allow_header_conformance',
].join(',');

const unavailable = existsSync(CLI) ? undefined : `no schemathesis at ${CLI} (run \`npm run schemathesis:install\`)`;

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, args, {
      // schemathesis keeps a .schemathesis/ folder in its working directory: not in the work tree.
      cwd: tmpdir(),
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

if (requireService('schemathesis', unavailable)) {
  describe('schemathesis over the served OpenAPI document', () => {
    let f: ApiFixture;
    let base = '';
    beforeAll(async () => {
      f = await openApi({
        dense: true,
        rateLimit: { max: 1_000_000_000, timeWindow: 60_000, failedAuth: 1_000_000_000 },
        answerCache: false,
      });
      await f.app.listen({ host: '127.0.0.1', port: 0 });
      const address = f.app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    }, 60_000);
    afterAll(async () => {
      await f?.close();
    });

    /** Status codes the server answered, per caller, from its own request log. */
    const statuses = (): Map<string, number[]> => {
      const by = new Map<string, number[]>();
      for (const line of f.logs().trim().split('\n')) {
        if (line === '') continue;
        const l = JSON.parse(line) as { msg?: string; status?: number; role?: string };
        if (l.msg !== 'request' || typeof l.status !== 'number') continue;
        const key = l.role ?? '(no token)';
        by.set(key, [...(by.get(key) ?? []), l.status]);
      }
      return by;
    };

    const callers: (TokenName | undefined)[] = [undefined, 'officer', 'inc', 'policy', 'admin'];
    for (const who of callers) {
      it(`finds no 5xx and no schema violation ${who === undefined ? 'without a token' : `as ${who}`}`, async () => {
        const r = await run([
          'run',
          `${base}/docs/json`,
          '--url',
          base,
          '--checks',
          CHECKS,
          '--max-examples',
          String(EXAMPLES),
          '--seed',
          '14',
          '--request-timeout',
          '30',
          '--generation-codec',
          'utf-8',
          // No example database left in the work tree: each run starts from the seed alone.
          '--generation-database',
          'none',
          ...(who === undefined ? [] : ['--header', `Authorization: Bearer ${f.tokens[who]}`]),
        ]);
        const saved = join(tmpdir(), `ileanet-schemathesis-${who ?? 'no-token'}.txt`);
        await writeFile(saved, r.output);
        const serverErrors = (statuses().get(who === undefined ? '(no token)' : roleOf(who)) ?? []).filter(
          (s) => s >= 500,
        );
        console.log(
          `schemathesis ${who ?? '(no token)'}: exit ${r.code}, ${serverErrors.length} 5xx; ${r.output.trim().split('\n').slice(-3).join(' | ')}`,
        );
        expect(serverErrors).toEqual([]);
        expect(r.code, `${r.output.slice(-3_000)}\n(whole output in ${saved})`).toBe(0);
      }, 600_000);
    }

    it('every answer of the whole run was below 500, for every caller', () => {
      const all = [...statuses().entries()].map(([who, s]) => [who, s.length, s.filter((x) => x >= 500).length]);
      console.log(`schemathesis requests per caller [caller, requests, 5xx]: ${JSON.stringify(all)}`);
      expect(all.every(([, n]) => (n as number) > 0)).toBe(true);
      expect(all.filter(([, , bad]) => (bad as number) > 0)).toEqual([]);
    });
  });
}

/** The role a test token acts as (several test tokens share a role). */
function roleOf(who: TokenName): string {
  return who === 'nordmark' || who === 'noPerson' ? 'officer' : who;
}
