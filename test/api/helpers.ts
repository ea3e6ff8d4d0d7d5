/**
 * The API over the demo dataset: a real engine (test/helpers/demo-engine.ts), tokens of every
 * role issued as the server would, and the request log captured so tests can read it.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type ApiOptions, buildApp } from '../../app/api/app.js';
import { generateToken, hashToken, type Role, type TokenEntry, TokenTable } from '../../app/api/tokens.js';
import type { Viewer } from '../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../helpers/demo-engine.js';

/** Demo people and organisations the tokens act as. */
export const DEMO = {
  officer: { person: 'demo:person:olivier-dufresnel', organisation: 'demo:org:valmont-prisons' },
  /** Member of the organisation owning demo:challenge:dna-mixture-court (restricted). */
  nordmark: { person: 'demo:person:tobias-eichbauer', organisation: 'demo:org:nordmark-police' },
  inc: { person: 'demo:person:pieter-van-akkerdonk', organisation: 'demo:inc:BE' },
  policy: { person: 'demo:person:paolo-morvalle', organisation: 'demo:org:valdoro-prosecution' },
} as const;

export type TokenName = 'officer' | 'nordmark' | 'inc' | 'policy' | 'admin' | 'noPerson';

const SPECS: Record<TokenName, { role: Role; person?: string; organisation?: string }> = {
  officer: { role: 'officer', ...DEMO.officer },
  nordmark: { role: 'officer', ...DEMO.nordmark },
  inc: { role: 'inc', ...DEMO.inc },
  policy: { role: 'policy', ...DEMO.policy },
  admin: { role: 'admin' },
  noPerson: { role: 'officer', organisation: DEMO.officer.organisation },
};

export interface ApiFixture {
  readonly app: FastifyInstance;
  readonly demo: DemoEngine;
  readonly tokens: Readonly<Record<TokenName, string>>;
  /** Every log line written so far, raw. */
  logs(): string;
  /** The viewer a token's requests run as (what the engine is asked with). */
  viewer(who: TokenName): Viewer;
  /** Injects a request as a token holder (`undefined`: no token). */
  as(who: TokenName | undefined, request: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function issueTestTokens(): { tokens: Record<TokenName, string>; table: TokenTable } {
  const tokens = {} as Record<TokenName, string>;
  const entries: TokenEntry[] = [];
  for (const [name, spec] of Object.entries(SPECS) as [TokenName, (typeof SPECS)[TokenName]][]) {
    const token = generateToken();
    tokens[name] = token;
    entries.push({ name: `test ${name}`, sha256: hashToken(token), ...spec });
  }
  return { tokens, table: new TokenTable(entries) };
}

export async function openApi(
  options: { dense?: boolean } & Partial<Omit<ApiOptions, 'engine' | 'tokens' | 'log'>> = {},
): Promise<ApiFixture> {
  const { dense, ...api } = options;
  const demo = await openDemoEngine({ dense: dense === true });
  let logged = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged += String(chunk);
      done();
    },
  });
  const { tokens, table } = issueTestTokens();
  const app = await buildApp({ engine: demo.engine, tokens: table, log: sink, ...api });
  await app.ready();
  return {
    app,
    demo,
    tokens,
    logs: () => logged,
    viewer(who) {
      const p = table.principal(tokens[who]);
      if (p === undefined) throw new Error(`no principal for ${who}`);
      return p.viewer;
    },
    as(who, request) {
      const headers = { ...(request.headers ?? {}) };
      if (who !== undefined) headers['authorization'] = `Bearer ${tokens[who]}`;
      return app.inject({ ...request, headers });
    },
    async close() {
      await app.close();
      await demo.close();
    },
  };
}

/** The JSON body of an answer, typed for the test. */
export const json = <T = Record<string, unknown>>(r: LightMyRequestResponse): T => r.json() as T;

/** Query string from an object (arrays repeat the key). */
export function qs(params: Record<string, string | number | readonly (string | number)[] | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) u.append(k, String(x));
  }
  const s = u.toString();
  return s === '' ? '' : `?${s}`;
}
