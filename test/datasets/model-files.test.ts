/** Our own model from NDJSON, JSON and CSV files: records, per-record rejects with lines. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modelCsvSource, modelJsonSource } from '../../datasets/model-files/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { SYSTEM } from '../../graph/viewer.js';
import { dump, type TempStore, tempDir, tempStore } from '../ingest/helpers/store.js';

let dir: string;
let t: TempStore;
beforeAll(async () => {
  dir = await tempDir('ileanet-model-files-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => t.dispose());

const file = async (name: string, content: string) => {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
};
const rejectsOf = (s: { rejects: readonly { file: string; line: number; reason: string }[] }) =>
  s.rejects.map((r) => [r.file.split('/').at(-1), r.line, r.reason]);

describe('modelJsonSource, NDJSON', () => {
  it('imports nodes and relationships in any order, rejecting bad lines with their numbers', async () => {
    const path = await file(
      'inc.ndjson',
      [
        '{"type":"RAISED","from":"be:person:1","to":"be:challenge:1"}',
        '{"kind":"Person","id":"be:person:1","name":"Anna Example","roles":["practitioner"],"country":"BE"}',
        '',
        '{"kind":"Challenge","id":"be:challenge:1","title":"Decrypting seized phones","keywords":["mobile forensics"]}',
        '{"kind":"Person","id":"be:person:2","name":"Bad Visibility","visibility":"secret"}',
        '{not json',
        '{"type":"RAISED","from":"be:person:2","to":"be:challenge:1"}',
        '[1,2]',
      ].join('\n'),
    );
    const s = await runIngest(t.store, modelJsonSource(path));
    expect(s.nodes.Person?.created).toBe(1);
    expect(s.nodes.Challenge?.created).toBe(1);
    expect(s.relationships.RAISED?.created).toBe(1);
    expect(rejectsOf(s)).toEqual([
      ['inc.ndjson', 6, expect.stringMatching(/^not valid JSON/)],
      ['inc.ndjson', 8, 'record is not a JSON object'],
      ['inc.ndjson', 5, expect.stringMatching(/^node be:person:2: visibility /)],
      ['inc.ndjson', 7, 'relationship RAISED be:person:2->be:challenge:1: dropped, its end be:person:2 was rejected'],
    ]);
    expect(await t.store.getNode('be:challenge:1', SYSTEM)).toMatchObject({ status: 'open', visibility: 'network' });
  });
});

describe('modelJsonSource, JSON document', () => {
  it('names the line a bad record starts on', async () => {
    const path = await file(
      'inc.json',
      `{
  "nodes": [
    { "kind": "Organisation", "id": "be:org:1", "name": "Example Police Zone", "orgKind": "lea" },
    {
      "kind": "Organisation",
      "id": "be:org:2",
      "name": "Missing orgKind"
    }
  ],
  "relationships": [
    { "type": "LOCATED_IN", "from": "be:org:1", "to": "country:BE" }
  ]
}`,
    );
    const s = await runIngest(t.store, modelJsonSource(path));
    expect(rejectsOf(s)).toEqual([
      ['inc.json', 4, expect.stringMatching(/^node be:org:2: orgKind /)],
      ['inc.json', 11, 'relationship LOCATED_IN be:org:1->country:BE: to names no node: country:BE'],
    ]);
    expect(s.nodes.Organisation?.created).toBe(1);
  });

  it('rejects a file that is not JSON, as a whole', async () => {
    const path = await file('broken.json', '{"nodes": [');
    const s = await runIngest(t.store, modelJsonSource(path));
    expect(rejectsOf(s)).toEqual([['broken.json', 0, expect.stringMatching(/^not valid JSON/)]]);
  });
});

describe('modelCsvSource', () => {
  it('reads one file per kind, lists split on |, relationships last', async () => {
    const folder = join(dir, 'inc-be');
    await file(
      'inc-be/relationships.csv',
      'type,from,to,role,value\nMEMBER_OF,be:person:1,be:org:1,analyst,\nVOTED,be:person:1,be:challenge:1,,1\nVOTED,be:person:1,be:challenge:1,,lots\n',
    );
    await file(
      'inc-be/people.csv',
      'id;name;roles;expertise;languages;country;visibility\nbe:person:1;Anna Example;practitioner|inc;mobile forensics| OSINT ;nl|fr;BE;network\n',
    );
    await file('inc-be/organisations.csv', 'id,name,orgKind,country,sme\nbe:org:1,Example Police Zone,lea,BE,no\n');
    await file(
      'inc-be/challenges.csv',
      'id,title,status,keywords\nbe:challenge:1,Decrypting seized phones,open,mobile forensics|encryption\nbe:challenge:2,Bad status,solved,\n',
    );
    const s = await runIngest(t.store, modelCsvSource(folder));
    expect(rejectsOf(s)).toEqual([
      ['challenges.csv', 3, expect.stringMatching(/^node be:challenge:2: status /)],
      ['relationships.csv', 4, expect.stringMatching(/^relationship VOTED be:person:1->be:challenge:1: value /)],
    ]);
    const got = await dump(t.store);
    expect(got.nodes.find((n) => n.id === 'be:person:1')).toMatchObject({
      roles: ['practitioner', 'inc'],
      expertise: ['mobile forensics', 'OSINT'],
      languages: ['nl', 'fr'],
    });
    expect(got.nodes.find((n) => n.id === 'be:org:1')).toMatchObject({ sme: false, orgKind: 'lea' });
    expect(got.relationships.map((r) => `${r.type} ${r.role ?? r.value}`).sort()).toEqual([
      'MEMBER_OF analyst',
      'VOTED 1',
    ]);
  });

  it('takes the kind from a kind column when the file name does not say', async () => {
    const path = await file(
      'mixed.csv',
      'kind,id,name,title\nPerson,be:person:9,Bo Example,\nChallenge,be:challenge:9,,Drone detection\n',
    );
    const s = await runIngest(t.store, modelCsvSource(path));
    expect(s.rejected).toBe(0);
    expect(s.totals.nodes.created).toBe(2);
  });

  it('rejects a file that says neither its kind nor relationships', async () => {
    const path = await file('whatever.csv', 'id,name\nx,y\n');
    const s = await runIngest(t.store, modelCsvSource(path));
    expect(rejectsOf(s)).toEqual([['whatever.csv', 0, expect.stringMatching(/^cannot tell what the file holds/)]]);
  });
});
