/** Analytics and suggestions on the embedded backend. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { analyticsSuite } from './analytics.suite.js';

analyticsSuite('embedded (SQLite)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-graph-'));
  return {
    store: createEmbeddedStore({ path: join(dir, 'graph.sqlite') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
