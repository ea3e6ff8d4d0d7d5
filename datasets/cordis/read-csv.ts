/**
 * Streaming CSV reader with per-row rejects: reads columns by header name, reports each
 * malformed row with its file, 1-based line and reason, and keeps reading after it.
 *
 * Memory stays bounded by the largest record (not the file): bytes stream through
 * csv-parse, and only the chunks the current record spans are kept for line counting.
 *
 * Why not csv-parse's own `info.lines` and `skip_records_with_error`: `lines` miscounts
 * after a quoted field containing CRLF, and after an error the stream is destroyed with
 * records still buffered (they are lost), and skipping resumes *inside* the broken quote,
 * swallowing the rows that follow. So records are taken from the synchronous `on_record`
 * hook, lines are counted on the bytes themselves, and a broken record makes the reader
 * restart at the line after the one the broken record starts on.
 *
 * Restarts are cheap whatever the damage: the file is read once, through one UTF-8 guard, into
 * a window of bytes that every pass (a fresh parser after each broken record) is served from,
 * in small chunks first, and the window drops what no pass can need again. A pass so costs what
 * it parses, and a file of garbage reads in time linear in its size (re-opening the file and
 * re-reading 256 KiB per broken row made 1 MB of garbage take 51 s).
 */

import { isUtf8 } from 'node:buffer';
import { type FileHandle, open } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import type { Reject } from '../../engine/ingest/index.js';

export interface ReadCsvOptions<C extends string> {
  /** Columns to return; missing ones read as ''. All of the header's columns when absent. */
  readonly columns?: readonly C[];
  /** Columns the header must have; otherwise the whole file is rejected. */
  readonly required?: readonly C[];
  /** Field separator, or `auto` to pick `;` or `,` (whichever the header has more of). Default `;`. */
  readonly delimiter?: string;
  /** Longest record in characters; a runaway quote is cut there (default 4 MiB). */
  readonly maxRecordSize?: number;
  /**
   * Broken rows after which a file that is mostly damage (fewer than one valid row for ten
   * broken ones) stops being parsed: its remaining lines are counted into one last reject
   * (default 1,000). Rows are parsed one restart per broken row, so this bounds the work.
   */
  readonly maxBrokenRows?: number;
  /** Bytes of the file read so far (each byte is read once, restarts or not). */
  readonly onBytes?: (bytes: number) => void;
}

export type CsvItem<C extends string> =
  | { readonly line: number; readonly values: Readonly<Record<C, string>>; readonly reject?: undefined }
  | { readonly reject: Reject };

/** ASCII SUB: stands in for each byte that is not valid UTF-8, keeping byte offsets intact. */
const SUB = 0x1a;
const SUB_CHAR = '\u001a';
const NL = 0x0a;

/** Where a trailing, possibly incomplete, UTF-8 sequence starts (buf.length when there is none). */
function incompleteTail(buf: Buffer): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 3); i--) {
    const b = buf[i] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return buf.length;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return buf.length - i < need ? i : buf.length;
  }
  return buf.length;
}

/** Whether byte `at` is a continuation byte within [lo, hi]. A top-level function: this runs per byte. */
function cont(buf: Buffer, at: number, lo = 0x80, hi = 0xbf): boolean {
  const c = buf[at];
  return c !== undefined && c >= lo && c <= hi;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none (RFC 3629 table). */
function sequenceLength(buf: Buffer, i: number): number {
  const b = buf[i] ?? 0;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return cont(buf, i + 1) ? 2 : 0;
  if (b === 0xe0) return cont(buf, i + 1, 0xa0) && cont(buf, i + 2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(buf, i + 1) && cont(buf, i + 2) ? 3 : 0;
  if (b === 0xed) return cont(buf, i + 1, 0x80, 0x9f) && cont(buf, i + 2) ? 3 : 0;
  if (b === 0xf0) return cont(buf, i + 1, 0x90) && cont(buf, i + 2) && cont(buf, i + 3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(buf, i + 1) && cont(buf, i + 2) && cont(buf, i + 3) ? 4 : 0;
  if (b === 0xf4) return cont(buf, i + 1, 0x80, 0x8f) && cont(buf, i + 2) && cont(buf, i + 3) ? 4 : 0;
  return 0;
}

/** Replaces every byte that is not part of valid UTF-8 with SUB, in a copy of the same length. */
function sanitize(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  let i = 0;
  while (i < out.length) {
    const n = sequenceLength(out, i);
    if (n === 0) {
      out[i] = SUB;
      i++;
    } else i += n;
  }
  return out;
}

/** Marks invalid UTF-8 chunk by chunk; a sequence cut by a chunk boundary waits for the next chunk. */
class Utf8Guard {
  #carry: Buffer | undefined;
  push(chunk: Buffer): Buffer {
    const data = this.#carry === undefined ? chunk : Buffer.concat([this.#carry, chunk]);
    const cut = incompleteTail(data);
    this.#carry = cut < data.length ? Buffer.from(data.subarray(cut)) : undefined;
    const body = data.subarray(0, cut);
    return isUtf8(body) ? body : sanitize(body);
  }
  end(): Buffer {
    const rest = this.#carry ?? Buffer.alloc(0);
    this.#carry = undefined;
    return sanitize(rest);
  }
}

/** Counts newlines up to any byte offset at or after the previous one, keeping only the chunks still needed. */
class LineCounter {
  #chunks: { start: number; buf: Buffer }[] = [];
  #at: number;
  #lines: number;
  constructor(offset: number, lines: number) {
    this.#at = offset;
    this.#lines = lines;
  }
  feed(start: number, buf: Buffer): void {
    if (buf.length > 0) this.#chunks.push({ start, buf });
  }
  /** Newlines in the file before `offset`. */
  linesBefore(offset: number): number {
    while (this.#at < offset) {
      const c = this.#chunks[0];
      if (c === undefined) break;
      const end = c.start + c.buf.length;
      const to = Math.min(offset, end) - c.start;
      let pos = this.#at - c.start;
      for (;;) {
        const nl = c.buf.indexOf(NL, pos);
        if (nl === -1 || nl >= to) break;
        this.#lines++;
        pos = nl + 1;
      }
      this.#at = c.start + to;
      if (this.#at >= end) this.#chunks.shift();
    }
    return this.#lines;
  }
}

/**
 * The file's bytes, read once and made valid UTF-8 once, kept from the earliest offset a pass
 * may still ask for. Passes read it by offset; `release` says what no pass will ask for again.
 */
class ByteWindow {
  #buf: Buffer = Buffer.alloc(0);
  /** File offset of #buf[0]. */
  #base = 0;
  #eof = false;
  readonly #guard = new Utf8Guard();
  readonly #read: Buffer = Buffer.alloc(256 * 1024);
  constructor(readonly fh: FileHandle) {}

  get end(): number {
    return this.#base + this.#buf.length;
  }

  /** Reads more of the file into the window; false at the end of the file. */
  async #more(): Promise<boolean> {
    if (this.#eof) return false;
    const { bytesRead } = await this.fh.read(this.#read, 0, this.#read.length, null);
    const clean = bytesRead === 0 ? this.#guard.end() : this.#guard.push(this.#read.subarray(0, bytesRead));
    if (bytesRead === 0) this.#eof = true;
    if (clean.length > 0) this.#buf = this.#buf.length === 0 ? Buffer.from(clean) : Buffer.concat([this.#buf, clean]);
    return !this.#eof || clean.length > 0;
  }

  /** Up to `max` bytes from `offset` (which must not be released), empty at the end of the file. */
  async at(offset: number, max: number): Promise<Buffer> {
    while (offset >= this.end) if (!(await this.#more())) return Buffer.alloc(0);
    const from = offset - this.#base;
    return this.#buf.subarray(from, Math.min(this.#buf.length, from + max));
  }

  /** Offset just past the first newline at or after `offset`; the end of the file when there is none. */
  async nextLineStart(offset: number): Promise<number> {
    let from = offset;
    for (;;) {
      while (from >= this.end) if (!(await this.#more())) return this.end;
      const nl = this.#buf.indexOf(NL, from - this.#base);
      if (nl !== -1) return this.#base + nl + 1;
      from = this.end;
    }
  }

  /** Lines (non-empty ones counted, a last line without a newline included) from `offset` to the end. */
  async linesFrom(offset: number): Promise<number> {
    let n = 0;
    let from = offset;
    let lineHasBytes = false;
    for (;;) {
      while (from >= this.end) {
        if (!(await this.#more())) return n + (lineHasBytes ? 1 : 0);
      }
      const nl = this.#buf.indexOf(NL, from - this.#base);
      if (nl === -1) {
        lineHasBytes ||= this.end > from;
        from = this.end;
        this.release(from);
        continue;
      }
      if (lineHasBytes || this.#base + nl > from) n++;
      lineHasBytes = false;
      from = this.#base + nl + 1;
      if (from - this.#base > 1024 * 1024) this.release(from);
    }
  }

  /** Bytes before `offset` will not be asked for again; they are dropped once they add up. */
  release(offset: number): void {
    const drop = offset - this.#base;
    if (drop < 1024 * 1024 || drop > this.#buf.length) return;
    this.#buf = Buffer.from(this.#buf.subarray(drop));
    this.#base = offset;
  }
}

const CSV_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'unterminated quote: a quoted field opened in this row never closes',
  CSV_INVALID_CLOSING_QUOTE: 'malformed quoting: a closing quote is followed by other characters',
  CSV_MAX_RECORD_SIZE: 'row too long (a runaway quote?)',
  INVALID_OPENING_QUOTE: 'malformed quoting: a quote inside an unquoted field',
};

interface Pass {
  /** Where to start again after a broken record, reading from the line after its first. */
  readonly restart?: { readonly offset: number; readonly lines: number };
}

/**
 * Reads `path` row by row. Yields a `reject` for each malformed row (wrong number of fields,
 * invalid UTF-8, broken quoting) and for a header missing required columns; the other rows
 * are yielded with their values by column name.
 */
export async function* readCsv<C extends string = string>(
  path: string,
  options: ReadCsvOptions<C> = {},
): AsyncGenerator<CsvItem<C>> {
  const state: { header?: string[]; index?: Map<string, number>; delimiter: string } = {
    delimiter: options.delimiter ?? ';',
  };
  let offset = 0;
  let lines = 0;
  if (state.delimiter === 'auto') state.delimiter = await sniffDelimiter(path);
  const fh = await open(path, 'r');
  try {
    const window = new ByteWindow(fh);
    const maxBroken = options.maxBrokenRows ?? 1_000;
    let broken = 0;
    let good = 0;
    for (;;) {
      const it = readPass(path, window, offset, lines, state, options);
      let pass: Pass;
      for (;;) {
        const r = await it.next();
        if (r.done === true) {
          pass = r.value;
          break;
        }
        if (r.value.reject === undefined) good++;
        else broken++;
        yield r.value;
      }
      if (pass.restart === undefined) return;
      offset = await window.nextLineStart(pass.restart.offset);
      lines = pass.restart.lines + 1;
      window.release(offset);
      if (broken >= maxBroken && good * 10 < broken) {
        // Mostly garbage: what follows is counted, not parsed row by row.
        const rest = await window.linesFrom(offset);
        if (rest > 0)
          yield {
            reject: {
              file: path,
              line: lines + 1,
              reason: `${broken} broken rows and ${good} valid ones so far: the remaining ${rest} line(s) were not read`,
            },
          };
        return;
      }
    }
  } finally {
    await fh.close();
  }
}

/** First chunk of a pass, doubling up to MAX_CHUNK: a pass that ends at a broken row soon has parsed little. */
const FIRST_CHUNK = 4 * 1024;
const MAX_CHUNK = 256 * 1024;

async function* readPass<C extends string>(
  path: string,
  window: ByteWindow,
  offset: number,
  startLines: number,
  state: { header?: string[]; index?: Map<string, number>; delimiter: string },
  options: ReadCsvOptions<C>,
): AsyncGenerator<CsvItem<C>, Pass> {
  const reject = (line: number, reason: string): CsvItem<C> => ({ reject: { file: path, line, reason } });
  const pending: { fields: string[]; end: number }[] = [];
  const parser = parse({
    delimiter: state.delimiter,
    bom: offset === 0,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: false,
    max_record_size: options.maxRecordSize ?? 4 * 1024 * 1024,
    on_record: (fields: string[], ctx: { bytes: number }) => {
      pending.push({ fields, end: offset + ctx.bytes });
      return undefined; // records are consumed here, never through the stream buffer
    },
  });
  parser.on('error', () => undefined); // surfaced through write()/end() below
  parser.resume();
  const counter = new LineCounter(offset, startLines);
  let fed = offset;
  let prevEnd = offset;

  /** Turns collected records into items; returns a `Pass` when reading must stop here (and maybe restart). */
  function* drain(): Generator<CsvItem<C>, Pass | undefined> {
    for (let k = 0; k < pending.length; k++) {
      const rec = pending[k] as { fields: string[]; end: number };
      const start = prevEnd;
      prevEnd = rec.end;
      const line = counter.linesBefore(start) + 1;
      const { fields } = rec;
      if (fields.length === 1 && fields[0] === '') continue; // empty line
      if (state.header === undefined) {
        if (fields[0]?.startsWith('\ufeff')) fields[0] = fields[0].slice(1);
        state.header = fields.map((f) => f.trim());
        state.index = new Map(state.header.map((h, i) => [h, i]));
        const missing = (options.required ?? []).filter((c) => !state.index?.has(c));
        if (missing.length > 0) {
          pending.length = 0;
          yield reject(0, `the header lacks column(s) ${missing.join(', ')}`);
          return {};
        }
        continue;
      }
      const bad =
        fields.length !== state.header.length
          ? `has ${fields.length} fields, the header has ${state.header.length}`
          : fields.findIndex((f) => f.includes(SUB_CHAR)) !== -1
            ? `is not valid UTF-8 (in column ${state.header[fields.findIndex((f) => f.includes(SUB_CHAR))]})`
            : undefined;
      if (bad !== undefined) {
        yield reject(line, `row ${bad}`);
        // A bad row spanning lines most likely swallowed its neighbours through a stray quote.
        if (counter.linesBefore(rec.end - 1) + 1 > line) {
          pending.length = 0;
          return { restart: { offset: start, lines: line - 1 } };
        }
        continue;
      }
      const values = {} as Record<C, string>;
      for (const c of options.columns ?? (state.header as C[])) {
        const i = state.index?.get(c);
        values[c] = i === undefined ? '' : (fields[i] ?? '');
      }
      yield { line, values };
    }
    pending.length = 0;
    return undefined;
  }

  const write = (buf: Buffer) =>
    new Promise<void>((resolve, fail) => {
      // csv-parse parses a write synchronously and raises a CsvError at each broken record; on
      // garbage that is one per row, and capturing their stack traces (never read: the reason
      // is the code) was most of the time. None is captured while the parser runs.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        parser.write(buf, (err) => (err ? fail(err) : resolve()));
      } finally {
        Error.stackTraceLimit = limit;
      }
    });
  const end = () =>
    new Promise<void>((resolve, fail) => {
      parser.once('error', fail);
      parser.once('end', resolve);
      parser.end();
    });

  let failure: Error | undefined;
  try {
    let size = FIRST_CHUNK;
    for (;;) {
      const chunk = await window.at(fed, size);
      if (chunk.length === 0) break;
      size = Math.min(MAX_CHUNK, size * 2);
      counter.feed(fed, chunk);
      fed += chunk.length;
      options.onBytes?.(window.end);
      try {
        await write(chunk);
      } catch (e) {
        failure = e as Error;
      }
      const stop = yield* drain();
      if (stop !== undefined) return stop;
      if (failure !== undefined) break;
      // A restart goes back at most to the start of the record after the last one drained.
      window.release(prevEnd);
    }
    if (failure === undefined) {
      try {
        await end();
      } catch (e) {
        failure = e as Error;
      }
      const stop = yield* drain();
      if (stop !== undefined) return stop;
    }
  } finally {
    parser.destroy();
  }
  if (failure === undefined) return {};
  if (!(failure instanceof CsvError)) throw failure;
  const line = counter.linesBefore(prevEnd) + 1;
  yield reject(line, CSV_REASONS[failure.code] ?? failure.message);
  return { restart: { offset: prevEnd, lines: line - 1 } };
}

/** `;` or `,`, whichever the first line holds more of (`;` on a tie: the CORDIS layout). */
async function sniffDelimiter(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(16 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const first = buf.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    const count = (ch: string) => first.split(ch).length - 1;
    return count(',') > count(';') ? ',' : ';';
  } finally {
    await fh.close();
  }
}
