/**
 * Notices have a retention window (`noticeDays`, default 180): `ileanet purge`, run as its own process
 * beside the one that stored them, removes the notices past it, delivered or not, and keeps the rest.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { demoSource } from '../../datasets/demo/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { noticeId, notify } from '../../engine/notify/index.js';
import { type GraphStore, openStore, SYSTEM } from '../../graph/index.js';
import { runCli } from './helpers.js';

let dir: string | undefined;
let store: GraphStore | undefined;
afterAll(async () => {
  await store?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it('purge removes the notices past noticeDays and says how many; newer ones stay', async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-notice-retention-'));
  store = await openStore({ backend: 'embedded', dataDir: dir });
  expect((await runIngest(store, demoSource())).rejected).toBe(0);
  const [person] = (await store.list({ kind: 'Person', limit: 1 }, SYSTEM)).items;
  if (person === undefined) throw new Error('the demo has no person');
  const at = (days: number) => () => new Date(Date.now() - days * 86_400_000);
  const notice = (key: string) => ({ recipientId: person.id, kind: 'alert', title: key, reason: key, dedupeKey: key });
  await notify(store, [notice('old')], { now: at(200) });
  await notify(store, [notice('inside')], { now: at(170) });
  await notify(store, [notice('new')]);
  const { code, out, err } = await runCli(['--data', dir, 'purge', '--json'], { ILEANET_BACKEND: 'embedded' }).done;
  expect(code, err).toBe(0);
  expect((JSON.parse(out) as { removed: Record<string, number> }).removed).toMatchObject({ notices: 1 });
  const ids = ['old', 'inside', 'new'].map((k) => noticeId(person.id, k));
  expect((await store.getNodes(ids, SYSTEM)).map((n) => n.id).sort()).toEqual(ids.slice(1).sort());
}, 120_000);
