/** `ileanet bots`: skipped platforms, the running bots, a clean stop, and the Matrix binding error. */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerBots } from '../../app/cli/commands/bots.js';
import { type CliContext, createContext } from '../../app/cli/context.js';
import { type SlackStandIn, startSlackStandIn } from './slack/stand-in.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-bots-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});

/** Runs `ileanet bots …` until `stop` resolves; returns what it wrote and its exit code. */
async function cli(argv: string[], o: { stop?: Promise<string>; onStderr?: (all: string) => void } = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (onWrite: (s: string) => void) =>
    ({
      write: (s: string) => {
        onWrite(s);
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
  const ctx: CliContext = {
    ...createContext({ data: dir }, {}),
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
      o.onStderr?.(stderr);
    }),
  };
  const program = new Command('ileanet')
    .exitOverride()
    .configureOutput({ writeErr: (s) => (stderr += s), writeOut: (s) => (stdout += s) });
  registerBots(
    program,
    () => ctx,
    () => o.stop ?? Promise.resolve('test'),
  );
  process.exitCode = undefined;
  let thrown: unknown;
  await program.parseAsync(['bots', '--mode', 'lexical', ...argv], { from: 'user' }).catch((e: unknown) => {
    thrown = e;
  });
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, stderr, code, thrown };
}

const SECRETS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'MATRIX_HOMESERVER_URL',
  'MATRIX_ACCESS_TOKEN',
  'ILEANET_BOTS_CONFIG',
];

describe('ileanet bots', () => {
  beforeAll(() => {
    // Whatever the developer's shell holds must not configure a platform here.
    for (const k of SECRETS) delete process.env[k];
  });

  it('skips each platform without config with a log line, and says none could start', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /info {2}slack: not configured \(no slack section in the config and no SLACK_BOT_TOKEN\); skipped/u,
    );
    expect(r.stderr).toMatch(/info {2}discord: not configured .*; skipped/u);
    expect(r.stderr).toMatch(/info {2}matrix: not configured .*; skipped/u);
    expect(r.stderr).toMatch(/ileanet: ERR_BOT_CONFIG: no chat platform is configured: set SLACK_BOT_TOKEN/u);
  });

  describe('with Slack configured', () => {
    let api: SlackStandIn;
    beforeAll(async () => {
      api = await startSlackStandIn();
    });
    afterAll(() => api.close());

    it('starts the configured adapter beside the engine and stops cleanly', async () => {
      const config = join(dir, 'slack.json');
      await writeFile(
        config,
        JSON.stringify({
          slack: { botToken: 'xoxb-cli', signingSecret: 'cli-secret', port: 0, host: '127.0.0.1', apiUrl: api.apiUrl },
        }),
      );
      let stop: (reason: string) => void = () => undefined;
      const stopped = new Promise<string>((resolve) => {
        stop = resolve;
      });
      const r = await cli(['--config', config], {
        stop: stopped,
        onStderr: (all) => {
          if (/bots running: slack;/u.test(all)) stop('SIGTERM');
        },
      });
      expect(r.thrown).toBeUndefined();
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`bots config: ${config}`);
      expect(r.stderr).toMatch(/info {2}slack: started/u);
      expect(r.stderr).toMatch(/info {2}discord: not configured/u);
      expect(r.stderr).toMatch(/SIGTERM: stopping/u);
      expect(api.calls.find((c) => c.method === 'auth.test')?.token).toBe('xoxb-cli');
    });

    it('refuses a broken config before opening anything', async () => {
      const config = join(dir, 'broken.json');
      await writeFile(config, JSON.stringify({ slack: { botToken: 'xoxb-cli' } }));
      const r = await cli(['--config', config]);
      expect(r.thrown).toMatchObject({
        name: 'UsageError',
        message: expect.stringMatching(
          /^ERR_BOT_CONFIG: .*slack \(http mode\) is configured but lacks a signing secret/u,
        ),
      });
    });
  });

  it('says how to fix a missing Matrix crypto binding when encryption is on, before anything starts', async () => {
    const config = join(dir, 'matrix-e2ee.json');
    await writeFile(
      config,
      JSON.stringify({ matrix: { homeserverUrl: 'http://127.0.0.1:9', accessToken: 'syt_x', encryption: true } }),
    );
    let loads = true;
    try {
      createRequire(import.meta.url)('@matrix-org/matrix-sdk-crypto-nodejs');
    } catch {
      loads = false;
    }
    const r = await cli(['--config', config]);
    if (loads) {
      expect(r.code).toBe(1);
      // A machine with the binding: the check passes and the unreachable homeserver is what fails.
      expect(r.stderr).toMatch(/matrix: could not start/u);
    } else {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /ileanet: ERR_BOT_MATRIX_CRYPTO: Matrix is configured, but matrix-bot-sdk cannot load without its native crypto binding .* download https:\/\/github\.com\/matrix-org\/matrix-rust-sdk\/releases\/download\/matrix-sdk-crypto-nodejs-v0\.1\.0-beta\.6\/matrix-sdk-crypto\.linux-x64-gnu\.node and copy it to .*node_modules\/@matrix-org\/matrix-sdk-crypto-nodejs\//u,
      );
      expect(r.stderr).not.toMatch(/matrix: started/u);
    }
  });

  it('runs Matrix without the native binding when encryption is off: the SDK loads and the homeserver is tried', async () => {
    const config = join(dir, 'matrix.json');
    await writeFile(config, JSON.stringify({ matrix: { homeserverUrl: 'http://127.0.0.1:9', accessToken: 'syt_x' } }));
    const r = await cli(['--config', config]);
    // Past the SDK's import: what fails is the unreachable homeserver, not the missing binding.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/matrix: could not start/u);
    expect(r.stderr).not.toMatch(/ERR_BOT_MATRIX_CRYPTO/u);
  });
});
