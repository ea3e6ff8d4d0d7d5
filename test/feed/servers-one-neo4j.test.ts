/**
 * Several app servers, one database (issue 18, item 6), with the built CLI as an operator runs it:
 * two `ileanet serve` processes and one `ileanet bots` process (Slack, against the Slack stand-in),
 * each with its own empty data folder, all on one Neo4j. They answer alike (who-solved, trends,
 * gaps, a challenge's view, suggestions, as the same viewer), and a write through one (a challenge
 * raised through server A's API, a vote through the bot) is seen by the others within 1 s: the
 * measured delays are printed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSource } from '../../datasets/demo/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { openStore } from '../../graph/index.js';
import { postSigned, slackConfig } from '../bots/slack/bot.js';
import { type SlackStandIn, startSlackStandIn } from '../bots/slack/stand-in.js';
import { freePort } from '../helpers/free-port.js';
import { neo4jTestDatabase } from '../helpers/neo4j.js';
import { requireService } from '../helpers/services.js';
import { api, OFFICER, ROOT, TOKEN } from './helpers.js';

const neo4j = await neo4jTestDatabase();
const CLI = join(ROOT, 'bin/ileanet.js');
const missing = !neo4j.reachable
  ? `no Neo4j at ${neo4j.config.uri}; start one with \`npm run neo4j -- start\``
  : !neo4j.mayWipe
    ? `database ${neo4j.config.database}: ${neo4j.refusal}`
    : !existsSync(join(ROOT, 'dist/app/cli/main.js'))
      ? 'the built CLI (`npm run build`)'
      : undefined;
afterAll(async () => {
  await neo4j.close();
});

/** The officer's Slack account: the same person and organisation as the API token, so the same viewer class. */
const OFFICER_SLACK = 'U0OFFICER1';
/** The bound every write must meet in the other processes. */
const BOUND_MS = 1_000;
const QUESTION = 'drone detection at prisons';
const untimed = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'ms' || k === 'phases' ? undefined : x)));
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  readonly proc: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly out: () => string;
}

/** `node bin/ileanet.js --data <dir> --backend neo4j <args>`; resolves once `ready` matches its output. */
async function cli(dataDir: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Proc> {
  const proc = spawn(process.execPath, [CLI, '--data', dataDir, '--backend', 'neo4j', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.config.uri,
      ILEANET_TOKENS: JSON.stringify([{ token: TOKEN, role: 'officer', ...OFFICER }]),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const on = (d: Buffer) => {
      out += d.toString();
      if (process.env['FEED_TEST_VERBOSE']) process.stderr.write(d);
      if (ready.test(out)) resolve();
    };
    proc.stdout?.on('data', on);
    proc.stderr?.on('data', on);
    void exited.then((code) => reject(new Error(`ileanet ${args[0]} exited ${code}: ${out.slice(-3000)}`)));
  });
  return { proc, exited, out: () => out };
}

/**
 * Polls `probe` until it gives a value; `ms` is when the successful probe was sent, counted from
 * `t0` (the write's acknowledgement), so the answer's own work is not in the delay; `arrived`, when
 * its answer came.
 */
async function until<T>(
  what: string,
  t0: number,
  probe: () => Promise<T | undefined>,
  limitMs = 10_000,
): Promise<{ value: T; ms: number; arrived: number }> {
  for (;;) {
    const sent = performance.now() - t0;
    const value = await probe();
    if (value !== undefined) return { value, ms: sent, arrived: performance.now() - t0 };
    if (performance.now() - t0 > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
    await settle(20);
  }
}

if (requireService('several app servers on one Neo4j', missing)) {
  describe('several app servers on one Neo4j: two `serve` and one `bots`, each with its own empty folder', () => {
    const dirs: string[] = [];
    const procs: Proc[] = [];
    let a: string;
    let b: string;
    let slack: SlackStandIn;
    let slackUrl: string;
    let asked = 0;

    /** Runs `/ileanet <text>` as the officer and resolves with everything the bot sent back for it. */
    async function bot(text: string, done: RegExp = /./u): Promise<string> {
      const id = `multi-${++asked}`;
      const calls = slack.calls.length;
      const body = new URLSearchParams({
        token: 'x',
        team_id: 'T0001',
        channel_id: 'D0OFFICER1',
        channel_name: 'directmessage',
        user_id: OFFICER_SLACK,
        user_name: 'officer',
        command: '/ileanet',
        text,
        response_url: slack.responseUrl(id),
        trigger_id: `t-${id}`,
      }).toString();
      const res = await postSigned(slackUrl, body);
      expect(res.status).toBe(200);
      return slack.waitFor(() => {
        const sent = [
          ...slack.responses.filter((r) => r.path === `/response/${id}`).map((r) => r.body),
          ...slack.calls
            .slice(calls)
            .filter((c) => c.method === 'chat.postMessage')
            .map((c) => c.args),
        ];
        const all = JSON.stringify(sent);
        return sent.length > 0 && done.test(all) ? all : undefined;
      }, 30_000);
    }

    beforeAll(async () => {
      await neo4j.wipe();
      const seed = await mkdtemp(join(tmpdir(), 'ileanet-multi-seed-'));
      dirs.push(seed);
      const store = await openStore({ backend: 'neo4j', uri: neo4j.config.uri });
      try {
        expect((await runIngest(store, demoSource())).rejected).toBe(0);
      } finally {
        await store.close();
      }
      slack = await startSlackStandIn();
      slack.setMembers('D0OFFICER1', [OFFICER_SLACK]);
      const [dirA, dirB, dirC] = await Promise.all(
        ['a', 'b', 'bots'].map((n) => mkdtemp(join(tmpdir(), `ileanet-multi-${n}-`))),
      );
      dirs.push(dirA as string, dirB as string, dirC as string);
      const port = await freePort();
      const config = join(dirC as string, 'bots.json');
      await writeFile(
        config,
        JSON.stringify({
          slack: { ...slackConfig(slack.apiUrl), port },
          rateLimit: { max: 1_000, windowSeconds: 60 },
          identities: { [`slack:${OFFICER_SLACK}`]: { role: 'member', ...OFFICER } },
        }),
      );
      slackUrl = `http://127.0.0.1:${port}/slack/events`;
      const serve = (dir: string) =>
        cli(dir, ['serve', '--port', '0', '--no-dashboard', '--log', 'off', '--mode', 'lexical'], /serving http/u);
      const started = await Promise.all([
        serve(dirA as string),
        serve(dirB as string),
        cli(dirC as string, ['bots', '--config', config, '--mode', 'lexical'], /bots running: slack/u),
      ]);
      procs.push(...started);
      const url = (p: Proc) => /serving (http:\/\/\S+?\/) /u.exec(p.out())?.[1] as string;
      a = url(started[0] as Proc);
      b = url(started[1] as Proc);
    }, 300_000);

    afterAll(async () => {
      for (const p of procs) p.proc.kill('SIGTERM');
      await Promise.all(procs.map((p) => p.exited));
      await slack?.close();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    }, 60_000);

    it('answer alike: who-solved, trends, gaps, a challenge, suggestions (servers byte for byte, the bot the same hits and votes)', async () => {
      const paths = [
        `/api/who-solved?text=${encodeURIComponent(QUESTION)}&limit=5`,
        '/api/trends',
        '/api/gaps',
        '/api/challenges/demo:challenge:prison-drone-drops',
        `/api/suggestions?organisation=${encodeURIComponent(OFFICER.organisation)}`,
      ];
      for (const path of paths) {
        const [fromA, fromB] = await Promise.all([api(a, path), api(b, path)]);
        expect(untimed(fromB), path).toEqual(untimed(fromA));
      }
      // The bot, as the same viewer class: its who-solved names the servers' hits (bar the asker).
      const answer = await api<{ hits: { kind: string; label: string; id: string }[] }>(a, paths[0] as string);
      const said = await bot(`who-solved ${QUESTION} --limit 5`, /Who has solved/u);
      const labels = answer.hits.filter((h) => h.id !== OFFICER.person).map((h) => h.label);
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels.slice(0, 3)) expect(said).toContain(JSON.stringify(label).slice(1, -1));
      const view = await api<{ challenge: { title: string; status: string } }>(a, paths[3] as string);
      const status = await bot('status demo:challenge:prison-drone-drops');
      expect(status).toContain(`${view.challenge.title}” is ${view.challenge.status}`);
    }, 120_000);

    it('a challenge raised through server A and a vote through the bot are seen by the others within 1 s', async () => {
      const title = 'Quokka tracking of zeppelin smugglers over the Baltic';
      type Gaps = { challenges: { id: string; votes: number }[] };
      // Each server has answered gaps once, so the probes below time the feed, not a cold snapshot.
      await Promise.all([api(a, '/api/gaps?limit=500'), api(b, '/api/gaps?limit=500')]);
      const raised = await api<{ challenge: { id: string } }>(a, '/api/challenges', {
        method: 'POST',
        body: { title, keywords: ['quokka', 'zeppelin'] },
      });
      const id = raised.challenge.id;
      const t0 = performance.now();
      const inGaps = (s: string, votes: number, t: number) =>
        until(`${s === a ? 'A' : 'B'}’s gaps list it with ${votes} vote(s)`, t, async () => {
          const r = await api<Gaps>(s, '/api/gaps?limit=500');
          return r.challenges.find((c) => c.id === id)?.votes === votes ? r : undefined;
        });
      const [viewB, dupB, gapsB, inBot] = await Promise.all([
        until('server B shows the challenge', t0, () =>
          api<{ challenge: { id: string } }>(b, `/api/challenges/${id}`).catch(() => undefined),
        ),
        // Its duplicate check (the who-solved retrieval over challenges) ranks it first.
        until('server B’s duplicate check ranks it first', t0, async () => {
          const r = await api<{ similar: { challenges: { id: string }[] } }>(b, '/api/challenges/preview', {
            method: 'POST',
            body: { title, keywords: ['quokka', 'zeppelin'] },
          });
          return r.similar.challenges[0]?.id === id ? r : undefined;
        }),
        // Gaps come from the analytics snapshot, a read model B keeps current from the feed.
        inGaps(b, 0, t0),
        until('the bot shows it', t0, async () => {
          const r = await bot(`status ${id}`);
          return r.includes('Quokka tracking') ? r : undefined;
        }),
      ]);

      // A vote through the bot; both servers count it, in the challenge's view and in their gaps.
      const voted = await bot(`vote ${id} up`, /Votes now: 1 for/u);
      const t1 = performance.now();
      expect(voted).toMatch(/is counted/u);
      const counted = (s: string) =>
        until(`${s === a ? 'A' : 'B'} counts the bot’s vote`, t1, async () => {
          const r = await api<{ votes: { up: number } }>(s, `/api/challenges/${id}`);
          return r.votes.up === 1 ? r : undefined;
        });
      const [voteA, voteB, gapsVoteA, gapsVoteB] = await Promise.all([
        counted(a),
        counted(b),
        inGaps(a, 1, t1),
        inGaps(b, 1, t1),
      ]);
      const delays = {
        'B challenge view': viewB,
        'B duplicate check': dupB,
        'B gaps': gapsB,
        'bot status': inBot,
        'A counts bot vote': voteA,
        'B counts bot vote': voteB,
        'A gaps count bot vote': gapsVoteA,
        'B gaps count bot vote': gapsVoteB,
      };
      console.log(
        `servers on one Neo4j, ms from the write's acknowledgement to the first probe that showed it (its answer's arrival): ${Object.entries(
          delays,
        )
          .map(([k, v]) => `${k} ${Math.round(v.ms)} (${Math.round(v.arrived)})`)
          .join(', ')}`,
      );
      for (const [what, d] of Object.entries(delays)) expect(d.ms, what).toBeLessThanOrEqual(BOUND_MS);
      // And the analytics agree once more: the new challenge is in both servers' trends alike.
      const [ta, tb] = await Promise.all([api(a, '/api/trends'), api(b, '/api/trends')]);
      expect(untimed(tb)).toEqual(untimed(ta));
    }, 120_000);
  });
}
