/** The streaming CSV reader: columns by name, exact line numbers, and recovery after broken rows. */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CsvItem, readCsv } from '../../datasets/cordis/read-csv.js';
import { tempDir } from '../ingest/helpers/store.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('ileanet-csv-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function readAll(content: string | Buffer, options: Parameters<typeof readCsv>[1] = {}) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, content);
  const items: CsvItem<string>[] = [];
  for await (const item of readCsv(file, options)) items.push(item);
  const rows = items.flatMap((i) => (i.reject === undefined ? [[i.line, i.values] as const] : []));
  const rejects = items.flatMap((i) => (i.reject === undefined ? [] : [[i.reject.line, i.reject.reason] as const]));
  return { rows, rejects };
}

describe('readCsv', () => {
  it('reads columns by header name, in any order, with absent columns empty', async () => {
    const { rows } = await readAll('b;a;extra\n2;1;x\n', { columns: ['a', 'b', 'missing'] });
    expect(rows).toEqual([[2, { a: '1', b: '2', missing: '' }]]);
  });

  it('counts lines through a BOM, CRLF ends, quoted line breaks and empty lines', async () => {
    const text =
      '\uFEFFid;text\r\n1;"first\r\nsecond\r\nthird"\r\n\r\n2;"a ""quoted"" word; and a separator"\r\n3;last';
    const { rows, rejects } = await readAll(text);
    expect(rejects).toEqual([]);
    expect(rows).toEqual([
      [2, { id: '1', text: 'first\r\nsecond\r\nthird' }],
      [6, { id: '2', text: 'a "quoted" word; and a separator' }],
      [7, { id: '3', text: 'last' }],
    ]);
  });

  it('rejects rows with the wrong number of fields and goes on', async () => {
    const { rows, rejects } = await readAll('a;b\n1;2\n1;2;3\n4\n5;6\n');
    expect(rejects).toEqual([
      [3, 'row has 3 fields, the header has 2'],
      [4, 'row has 1 fields, the header has 2'],
    ]);
    expect(rows.map(([line]) => line)).toEqual([2, 5]);
  });

  it('rejects a row that is not UTF-8, also where a chunk boundary cuts a character', async () => {
    // Long enough to span several 256 KiB chunks; the euro sign (3 bytes) straddles the boundaries.
    const filler = 'x'.repeat(1000);
    const lines = ['a;b'];
    for (let i = 0; i < 900; i++) lines.push(`${i};${filler}€${filler}`);
    const good = Buffer.from(`${lines.join('\n')}\n`);
    const bad = Buffer.concat([
      good,
      Buffer.from('900;broken '),
      Buffer.from([0xe2, 0x82]),
      Buffer.from(' end\n901;ok\n'),
    ]);
    const { rows, rejects } = await readAll(bad);
    expect(rejects).toEqual([[902, 'row is not valid UTF-8 (in column b)']]);
    expect(rows).toHaveLength(901);
    expect(rows.at(-1)).toEqual([903, { a: '901', b: 'ok' }]);
  });

  it('rejects a row whose quote never closes and reads the rows after it', async () => {
    const { rows, rejects } = await readAll('a;b\n1;ok\n2;"never closed\n3;fine\n4;"quoted"\n5;fine\n');
    expect(rejects).toEqual([[3, 'malformed quoting: a closing quote is followed by other characters']]);
    expect(rows.map(([, v]) => v['a'])).toEqual(['1', '3', '4', '5']);
  });

  it('rejects an unterminated quote in the last rows without losing the rows before', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `${i};row ${i}`).join('\n');
    const { rows, rejects } = await readAll(`a;b\n${body}\n3000;"open\n3001;after\n`);
    expect(rejects).toEqual([[3002, 'unterminated quote: a quoted field opened in this row never closes']]);
    expect(rows).toHaveLength(3001);
    expect(rows.at(-1)).toEqual([3003, { a: '3001', b: 'after' }]);
  });

  it('rejects a quote inside an unquoted field', async () => {
    const { rows, rejects } = await readAll('a;b\n1;say "hi" there\n2;ok\n');
    expect(rejects).toEqual([[2, 'malformed quoting: a quote inside an unquoted field']]);
    expect(rows).toEqual([[3, { a: '2', b: 'ok' }]]);
  });

  it('cuts a runaway quote at the longest record allowed', async () => {
    const { rows, rejects } = await readAll(`a;b\n1;"${'x'.repeat(5000)}\n2;next\n`, { maxRecordSize: 1000 });
    expect(rejects).toEqual([[2, 'row too long (a runaway quote?)']]);
    expect(rows).toEqual([[3, { a: '2', b: 'next' }]]);
  });

  it('rejects the whole file when the header lacks a required column', async () => {
    const { rows, rejects } = await readAll('a;c\n1;2\n', { columns: ['a', 'b'], required: ['a', 'b'] });
    expect(rejects).toEqual([[0, 'the header lacks column(s) b']]);
    expect(rows).toEqual([]);
  });

  it('picks comma or semicolon from the header when asked', async () => {
    const { rows } = await readAll('id,name\n1,"Doe; Jane"\n', { delimiter: 'auto' });
    expect(rows).toEqual([[2, { id: '1', name: 'Doe; Jane' }]]);
  });
});
