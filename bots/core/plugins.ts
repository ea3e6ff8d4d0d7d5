/**
 * Third-party commands, loaded from the config: `"plugins": ["./my-plugin.js",
 * { "module": "ileanet-plugin-x", "export": "inventory" }]`. A plugin module exports a command
 * (`export const command = defineCommand({...})`, or a default export). Paths resolve from the
 * config file's folder; anything else is imported as a package name.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from './command.js';
import type { PluginRef } from './config.js';
import { BotError } from './errors.js';
import { commandProblem } from './registry.js';

export interface LoadedPlugin {
  readonly command: Command;
  /** Where it came from, for logs and duplicate-name errors. */
  readonly origin: string;
}

const isPath = (m: string) => m.startsWith('.') || isAbsolute(m);

/** Imports each plugin and checks that it exports a command; throws ERR_BOT_PLUGIN naming the module and the reason. */
export async function loadPlugins(refs: readonly PluginRef[], baseDir: string): Promise<LoadedPlugin[]> {
  const out: LoadedPlugin[] = [];
  for (const ref of refs) {
    const spec = typeof ref === 'string' ? ref : ref.module;
    const wanted = typeof ref === 'string' ? undefined : ref.export;
    const target = isPath(spec) ? pathToFileURL(resolve(baseDir, spec)).href : spec;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(target)) as Record<string, unknown>;
    } catch (e) {
      throw new BotError('ERR_BOT_PLUGIN', `plugin ${spec} cannot be imported: ${(e as Error).message}`, { cause: e });
    }
    const name = wanted ?? ('command' in mod ? 'command' : 'default');
    const value = mod[name];
    if (value === undefined) {
      throw new BotError(
        'ERR_BOT_PLUGIN',
        `plugin ${spec} has no export "${name}" (export a command as "command" or default)`,
      );
    }
    const problem = commandProblem(value);
    if (problem !== undefined) throw new BotError('ERR_BOT_PLUGIN', `plugin ${spec}, export "${name}": ${problem}`);
    out.push({ command: value as Command, origin: spec });
  }
  return out;
}
