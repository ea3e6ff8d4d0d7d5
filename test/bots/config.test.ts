/** The bots config: file, environment, defaults, and what is said when something is wrong or half there. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotsConfig } from '../../bots/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-bots-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withFile(content: unknown, env: NodeJS.ProcessEnv = {}) {
  const file = join(dir, `bots-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return loadBotsConfig({ path: file, dataDir: dir, env });
}

describe('loading the bots config', () => {
  it('works with no file and no environment: safe defaults, no platform', async () => {
    const c = await loadBotsConfig({ dataDir: join(dir, 'empty'), env: {}, cwd: dir });
    expect(c.file).toBeUndefined();
    expect(c.slack ?? c.discord ?? c.matrix).toBeUndefined();
    expect(c.core).toMatchObject({
      names: ['ileanet'],
      defaultRole: 'guest',
      rateLimit: { max: 10, windowSeconds: 60 },
      privacy: { dmFrom: 'restricted' },
      plugins: [],
    });
    expect(c.core.roles['guest']).toEqual({ clearance: 'public', permissions: ['help', 'read'] });
    expect(c.auditPath).toBe(join(dir, 'empty', 'bots', 'audit.jsonl'));
  });

  it('reads <data>/bots.json when it exists, and takes tokens from the environment over the file', async () => {
    const data = join(dir, 'data');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(data, { recursive: true });
    await writeFile(
      join(data, 'bots.json'),
      JSON.stringify({ slack: { botToken: 'xoxb-file', signingSecret: 'file-secret', port: 3100 } }),
    );
    const c = await loadBotsConfig({ dataDir: data, env: { SLACK_BOT_TOKEN: 'xoxb-env' } });
    expect(c.file).toBe(join(data, 'bots.json'));
    expect(c.slack).toMatchObject({
      mode: 'http',
      botToken: 'xoxb-env',
      signingSecret: 'file-secret',
      port: 3100,
      path: '/slack/events',
      command: '/ileanet',
    });
  });

  it('configures each platform from the environment alone', async () => {
    const c = await loadBotsConfig({
      dataDir: dir,
      cwd: join(dir, 'nowhere'),
      env: {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        DISCORD_TOKEN: 'd-token',
        DISCORD_GUILD_IDS: '1170000000000000001, 1170000000000000002',
        MATRIX_HOMESERVER_URL: 'https://matrix.police.example',
        MATRIX_ACCESS_TOKEN: 'syt_x',
        MATRIX_AUTOJOIN: '@*:police.example',
        ILEANET_DASHBOARD_URL: 'https://ileanet.police.example/',
      },
    });
    // An app-level token and no signing secret: Socket Mode.
    expect(c.slack).toMatchObject({ mode: 'socket', appToken: 'xapp-1' });
    expect(c.discord).toEqual({
      token: 'd-token',
      guildIds: ['1170000000000000001', '1170000000000000002'],
      command: 'ileanet',
      // Off unless asked for: a privileged intent the portal must allow too.
      messageContent: false,
    });
    expect(c.matrix).toEqual({
      homeserverUrl: 'https://matrix.police.example',
      accessToken: 'syt_x',
      autoJoin: ['@*:police.example'],
      prefix: '!ileanet',
      storagePath: join(dir, 'bots', 'matrix'),
      encryption: false,
    });
    expect(c.core.dashboardUrl).toBe('https://ileanet.police.example/');
  });

  it('reads thread replies on Discord only when the Message Content switch is on', async () => {
    const env = { DISCORD_TOKEN: 'd-token' };
    expect((await withFile({ discord: { messageContent: true } }, env)).discord?.messageContent).toBe(true);
    const fromEnv = await loadBotsConfig({ dataDir: dir, env: { ...env, DISCORD_MESSAGE_CONTENT: 'true' } });
    expect(fromEnv.discord?.messageContent).toBe(true);
    await expect(loadBotsConfig({ dataDir: dir, env: { ...env, DISCORD_MESSAGE_CONTENT: 'yes' } })).rejects.toThrow(
      'DISCORD_MESSAGE_CONTENT: "yes" is neither true nor false',
    );
    await expect(withFile({ discord: { messageContent: 'on' } }, env)).rejects.toThrow(/discord\.messageContent/u);
  });

  it('says what a half-configured platform lacks', async () => {
    await expect(loadBotsConfig({ dataDir: dir, env: { SLACK_BOT_TOKEN: 'xoxb-1' } })).rejects.toThrow(
      'the bots config: slack (http mode) is configured but lacks a signing secret (SLACK_SIGNING_SECRET or slack.signingSecret)',
    );
    await expect(withFile({ slack: { mode: 'socket', botToken: 'x' } })).rejects.toThrow(
      /slack \(socket mode\) is configured but lacks an app-level token/u,
    );
    await expect(withFile({ discord: {} })).rejects.toThrow(/discord is configured but lacks a bot token/u);
    await expect(loadBotsConfig({ dataDir: dir, env: { MATRIX_ACCESS_TOKEN: 'x' } })).rejects.toThrow(
      /matrix is configured but lacks the homeserver URL/u,
    );
    await expect(
      loadBotsConfig({ dataDir: dir, env: { DISCORD_TOKEN: 'x', DISCORD_GUILD_IDS: 'general' } }),
    ).rejects.toThrow(/"general" is not a Discord id/u);
  });

  it('names the file and the field of every other problem', async () => {
    await expect(withFile('{ "slack": ')).rejects.toMatchObject({
      code: 'ERR_BOT_CONFIG',
      message: expect.stringMatching(/is not valid JSON/u),
    });
    await expect(withFile({ identities: { 'slack:U1': { role: 'boss' } } })).rejects.toThrow(
      /identities\.slack:U1\.role "boss" is not a defined role/u,
    );
    await expect(withFile({ colour: 'blue' })).rejects.toThrow(/Unrecognized key: "colour"/u);
    await expect(withFile({ privacy: { dmFrom: 'public' } })).rejects.toThrow(/privacy\.dmFrom/u);
    await expect(withFile({ announce: { channels: ['C0123'] } })).rejects.toThrow(
      /announce\.channels\.0 must be platform:conversationId/u,
    );
    await expect(withFile({ announce: { channels: ['slack:C0123'] }, notify: { enabled: false } })).rejects.toThrow(
      /announce\.channels needs notify\.enabled/u,
    );
    await expect(withFile({ notify: { digests: [{ inc: 'demo:inc:BE', channel: '#inc-be' }] } })).rejects.toThrow(
      /notify\.digests\.0\.channel must be platform:conversationId/u,
    );
    await expect(withFile({ matrix: { homeserverUrl: 'ftp://x', accessToken: 't' } })).rejects.toThrow(
      /matrix\.homeserverUrl/u,
    );
    await expect(loadBotsConfig({ path: join(dir, 'absent.json'), dataDir: dir, env: {} })).rejects.toThrow(
      /cannot read the bots config/u,
    );
  });

  it('merges configured roles over the built-in ones and resolves the audit log beside the file', async () => {
    const c = await withFile({
      roles: {
        guest: { clearance: 'public', permissions: ['help'] },
        officer: { clearance: 'network', permissions: ['*'] },
      },
      auditLog: 'logs/audit.jsonl',
    });
    expect(c.core.roles['guest']?.permissions).toEqual(['help']);
    expect(c.core.roles['member']).toBeDefined();
    expect(c.core.roles['officer']).toEqual({ clearance: 'network', permissions: ['*'] });
    expect(c.auditPath).toBe(join(dir, 'logs', 'audit.jsonl'));
  });

  it('accepts the example config shipped in bots/examples, with the secrets from the environment', async () => {
    const file = join(ROOT, 'bots/examples/bots.example.json');
    const c = await loadBotsConfig({
      path: file,
      dataDir: dir,
      env: { SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', DISCORD_TOKEN: 'd', MATRIX_ACCESS_TOKEN: 'm' },
    });
    expect(c.slack?.mode).toBe('http');
    expect(c.discord?.guildIds).toEqual(['1170000000000000001']);
    expect(c.matrix?.autoJoin).toEqual(['@*:police.example']);
    expect(c.core.plugins).toEqual(['../../dist/bots/examples/inc-contact.js']);
    expect(c.baseDir).toBe(join(ROOT, 'bots/examples'));
  });
});
