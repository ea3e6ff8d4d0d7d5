/**
 * The layering rule in biome.json (`noRestrictedImports` per folder, run by `npm run lint` inside
 * `npm test`) refuses a deep import across folders and an upward import. Here biome runs, with
 * the project's own rules, over probe files laid out like the project, each holding one import,
 * and the test checks which ones it refuses and why, allowed imports included, so a rule that
 * refused everything (or nothing) fails too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
type Verdict = 'deep' | 'up' | 'tooling' | 'ok';

/** [file, import specifier, what the rule must say] */
const PROBES: readonly (readonly [string, string, Verdict])[] = [
  // across engine sub-folders
  ['engine/input/probe.ts', '../match/bm25.js', 'deep'],
  ['engine/input/probe.ts', '../match/index.js', 'ok'],
  ['engine/suggest/probe.ts', '../analytics/snapshot.js', 'deep'],
  ['engine/input/probe.ts', './errors.js', 'ok'],
  ['engine/probe.ts', './match/who-solved.js', 'deep'],
  ['engine/probe.ts', './match/index.js', 'ok'],
  // engine into graph: the front door only, never a backend
  ['engine/match/probe.ts', '../../graph/viewer.js', 'deep'],
  ['engine/match/probe.ts', '../../graph/embedded/store.js', 'deep'],
  ['engine/match/probe.ts', '../../graph/index.js', 'ok'],
  // upward
  ['engine/input/probe.ts', '../service.js', 'up'],
  ['engine/ingest/probe.ts', '../../datasets/cordis/index.js', 'up'],
  ['engine/match/probe.ts', '../../bots/index.js', 'up'],
  ['engine/probe.ts', '../app/cli/main.js', 'up'],
  ['graph/probe.ts', '../engine/match/index.js', 'up'],
  ['graph/embedded/probe.ts', '../../engine/embed/index.js', 'up'],
  ['graph/embedded/probe.ts', '../model.js', 'ok'],
  ['bots/core/probe.ts', '../../app/api/server.js', 'up'],
  ['bots/core/probe.ts', '../../datasets/demo/index.js', 'up'],
  ['datasets/cordis/probe.ts', '../../bots/index.js', 'up'],
  ['dashboard/src/probe.ts', '../../app/api/server.js', 'up'],
  // surfaces into the engine and the plug-ins
  ['app/api/routes/probe.ts', '../../../engine/match/lexical.js', 'deep'],
  ['app/api/routes/probe.ts', '../../../engine/match/index.js', 'ok'],
  ['app/api/routes/probe.ts', '../../../engine/service.js', 'ok'],
  ['app/cli/commands/probe.ts', '../../../datasets/cordis/importer.js', 'deep'],
  ['app/cli/commands/probe.ts', '../../../datasets/cordis/index.js', 'ok'],
  ['app/cli/commands/probe.ts', '../../../bots/start.js', 'deep'],
  ['app/cli/commands/probe.ts', '../../../bots/index.js', 'ok'],
  ['app/cli/commands/probe.ts', '../../../graph/neo4j/index.js', 'ok'],
  ['bots/plugins/probe.ts', '../../engine/analytics/types.js', 'deep'],
  ['bots/plugins/probe.ts', '../core/reply.js', 'ok'],
  ['datasets/demo/probe.ts', '../../engine/ingest/source.js', 'deep'],
  ['datasets/demo/probe.ts', '../../engine/ingest/index.js', 'ok'],
  // developer tooling stays out of what ships
  ['graph/neo4j/probe.ts', './server/control.js', 'tooling'],
  ['app/cli/commands/probe.ts', '../../../graph/neo4j/server/control.js', 'deep'],
  ['graph/neo4j/server/probe.ts', './control.js', 'ok'],
  ['graph/neo4j/server/probe.ts', '../../../engine/embed/index.js', 'up'],
  // dynamic imports and re-exports are held to the same rule
  ['app/cli/commands/probe.ts', "await import('../../../engine/vector/vector-store.js')", 'deep'],
  ['app/cli/commands/probe.ts', "export { x } from '../../../engine/embed/models.js'", 'deep'],
];

const line = (spec: string) =>
  spec.startsWith('await') || spec.startsWith('export')
    ? `${spec};\n`
    : `import { x } from '${spec}';\nexport { x };\n`;

let dir: string;
let found: Map<string, string[]>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ileanet-layers-'));
  // The project's rules as they are; only the VCS and file-selection settings, which refer to the
  // checkout, are left out.
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.vcs;
  delete config.files;
  delete config.$schema;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  PROBES.forEach(([file, spec], i) => {
    const path = join(dir, dirname(file), `probe-${i}.ts`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, line(spec));
  });
  // One file per probe, named by its number, where the probe's file would be; one biome run.
  const out = (() => {
    try {
      return execFileSync(
        join(root, 'node_modules', '.bin', 'biome'),
        ['lint', '--reporter=json', '--max-diagnostics=none', '.'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
    } catch (e) {
      // biome exits 1 when it reports errors; its report is still on stdout.
      return (e as { stdout: string }).stdout;
    }
  })();
  const report = JSON.parse(out) as {
    diagnostics: { category: string; message: string; location: { path: string } }[];
  };
  found = new Map();
  for (const d of report.diagnostics) {
    if (d.category !== 'lint/style/noRestrictedImports') continue;
    const key = /probe-(\d+)\.ts$/.exec(d.location.path)?.[1] ?? d.location.path;
    found.set(key, [...(found.get(key) ?? []), d.message]);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the layering lint rule', () => {
  it.each(PROBES.map(([file, spec, verdict], i) => [i, file, spec, verdict] as const))(
    'case %i: %s importing %s → %s',
    (i, _file, _spec, verdict) => {
      const messages = found.get(String(i)) ?? [];
      if (verdict === 'ok') expect(messages).toEqual([]);
      else {
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatch(
          verdict === 'deep' ? /front door/ : verdict === 'tooling' ? /developer tooling/ : /Dependencies point down/,
        );
      }
    },
  );

  it('runs in npm test', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toMatch(/^biome (check|lint) \.$/);
    expect(pkg.scripts.test).toContain('npm run lint');
  });
});
