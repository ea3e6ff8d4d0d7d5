/**
 * Third-party plugins: a module exporting a command, loaded from the config. The repository's
 * example plugin (bots/examples/inc-contact.ts) is loaded the way `ileanet bots` loads plugins
 * and answers through the runtime; broken plugins fail at start with their reason.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotsConfig } from '../../../bots/config.js';
import { loadPlugins } from '../../../bots/core/plugins.js';
import { builtInRegistry } from '../../../bots/plugins/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, startFakeBots } from '../helpers/fake-transport.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-plugins-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the example plugin, loaded from the config', () => {
  let demo: DemoEngine;
  let bots: Bots;
  beforeAll(async () => {
    demo = await openDemoEngine({ prefix: 'ileanet-bots-' });
    const configFile = join(dir, 'bots.json');
    // Relative to the config file, as an operator would write it.
    const plugin = relative(dir, join(ROOT, 'bots/examples/inc-contact.ts'));
    await writeFile(
      configFile,
      JSON.stringify({ plugins: [plugin.startsWith('.') ? plugin : `./${plugin}`], identities: MEMBERS }),
    );
    const config = await loadBotsConfig({ path: configFile, dataDir: dir, env: {} });
    const registry = builtInRegistry();
    for (const p of await loadPlugins(config.core.plugins, config.baseDir)) registry.register(p.command, p.origin);
    bots = await startFakeBots(demo.engine, { identities: MEMBERS }, { registry });
  });
  afterAll(async () => {
    await bots?.close();
    await demo?.close();
  });

  it('answers its command and its phrasing, for the caller’s country by default', async () => {
    await bots.transport.slash('U-x', 'inc PL');
    expect(bots.transport.last().reply.sections[0]?.items.map((i) => i.title)).toEqual([
      'Polish Innovation Contact Point for Law Enforcement',
    ]);
    await bots.transport.mention('U-sanne', 'ileanet who is my INC?');
    expect(bots.transport.last().reply.title).toBe('Innovation contact points in BE');
    expect(bots.transport.last().reply.sections[0]?.items[0]?.why).toMatch(
      /^Gathers the needs of Belgian police zones/u,
    );
    await bots.transport.slash('U-x', 'inc');
    expect(bots.transport.last().text).toMatch(/^inc: Which country\?/u);
  });

  it('is listed by help and validated like a built-in command', async () => {
    await bots.transport.slash('U-x', 'help');
    expect(bots.transport.last().text).toContain('/ileanet inc [country]');
    const out = await bots.transport.slash('U-x', 'inc Poland');
    expect(out.outcome).toBe('invalid');
    expect(bots.transport.last().text).toMatch(/^inc: <country> must be two letters, e\.g\. BE/u);
  });
});

describe('broken plugins fail at start, naming the module and the reason', () => {
  const write = async (name: string, source: string) => {
    await writeFile(join(dir, name), source);
    return `./${name}`;
  };

  it('a module that cannot be imported, or exports nothing usable', async () => {
    await expect(loadPlugins(['./missing.mjs'], dir)).rejects.toMatchObject({
      code: 'ERR_BOT_PLUGIN',
      message: expect.stringMatching(/^plugin \.\/missing\.mjs cannot be imported/u),
    });
    const none = await write('none.mjs', 'export const other = 1;');
    await expect(loadPlugins([none], dir)).rejects.toThrow(
      'plugin ./none.mjs has no export "default" (export a command as "command" or default)',
    );
    const named = await write('named.mjs', 'export const command = 1;');
    await expect(loadPlugins([{ module: named, export: 'tool' }], dir)).rejects.toThrow(/has no export "tool"/u);
  });

  it('a command of the wrong shape', async () => {
    const cases: [string, RegExp][] = [
      [
        'export default { name: "Bad Name", summary: "x", permission: "read", args: {}, handler() {} };',
        /name "Bad Name" must be lower-case kebab-case/u,
      ],
      [
        'export const command = { name: "ok", summary: "", permission: "read", handler() {} };',
        /summary must be text of 1 to 100 characters/u,
      ],
      [
        'export const command = { name: "ok", summary: "x", permission: "read", args: {}, handler() {} };',
        /args must be a zod object schema/u,
      ],
      [
        'import { z } from "zod"; export const command = { name: "ok", summary: "x", permission: "read", args: z.object({}), positional: ["q"], handler() {} };',
        /positional field "q" is not in args/u,
      ],
    ];
    let n = 0;
    for (const [source, message] of cases) {
      // zod resolves from the project's node_modules: write the module inside the project, in the ignored .cache/.
      const file = join(ROOT, '.cache', 'bots-test', `plugin-${process.pid}-${n++}.mjs`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, source);
      try {
        await expect(loadPlugins([file], dir)).rejects.toThrow(message);
      } finally {
        await rm(file, { force: true });
      }
    }
  });

  it('a command whose name or alias is taken', async () => {
    const registry = builtInRegistry();
    const [example] = await loadPlugins([join(ROOT, 'bots/examples/inc-contact.ts')], dir);
    if (example === undefined) throw new Error('example plugin did not load');
    registry.register(example.command, example.origin);
    expect(() => registry.register({ ...example.command, name: 'trends' }, 'other-plugin')).toThrow(
      'command "trends" from other-plugin: the name "trends" is already taken by "trends"',
    );
    expect(() => registry.register({ ...example.command, name: 'inc2', aliases: ['polls'] }, 'other-plugin')).toThrow(
      /the name "polls" is already taken by "poll"/u,
    );
  });
});
