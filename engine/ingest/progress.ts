/**
 * Progress of an ingest on the terminal: a live bar on a TTY, a plain line per tenth of the
 * work (or every few seconds when the total is unknown) when output goes to a file or a pipe,
 * nothing at all when the caller prints JSON.
 */
import { SingleBar } from 'cli-progress';
import type { IngestProgress } from './pipeline.js';

export type ProgressMode = 'bar' | 'lines' | 'off';

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  /** Ends the bar (or prints nothing more); safe to call twice. */
  stop(): void;
}

/** Bar on a terminal, lines elsewhere, none with `--json`. */
export function progressMode(stream: NodeJS.WritableStream & { isTTY?: boolean }, json: boolean): ProgressMode {
  if (json) return 'off';
  return stream.isTTY === true ? 'bar' : 'lines';
}

const int = (n: number) => Math.round(n).toLocaleString('en');

/** `12.3 MB` for bytes, `12,345 rows` otherwise. */
export function amount(n: number, unit: string): string {
  if (unit !== 'bytes') return `${int(n)} ${unit}`;
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} bytes`;
}

/** `1.2 MB of 3.9 MB`, `223 of 1,430 records`. */
export function fraction(done: number, total: number, unit: string): string {
  return unit === 'bytes'
    ? `${amount(done, unit)} of ${amount(total, unit)}`
    : `${int(done)} of ${amount(total, unit)}`;
}

export function createProgress(
  stream: NodeJS.WritableStream,
  mode: ProgressMode,
  label: string,
  now: () => number = Date.now,
): ProgressReporter {
  if (mode === 'off') return { update: () => undefined, stop: () => undefined };
  if (mode === 'lines') return lineReporter(stream, label, now);
  const bar = new SingleBar({
    stream,
    format: `${label} {bar} {percentage}% | {work} | {records} records, {rejected} rejected | ETA {eta_formatted}`,
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let started = false;
  let stopped = false;
  return {
    update(p) {
      if (stopped) return;
      const total = Math.max(p.total ?? p.done, p.done, 1);
      const payload = {
        work: p.total === undefined ? amount(p.done, p.unit) : fraction(p.done, total, p.unit),
        records: int(p.records),
        rejected: int(p.rejected),
      };
      if (!started) {
        bar.start(total, p.done, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}

/** One line at the first update, then at each further tenth (or every 5 s without a total). */
function lineReporter(stream: NodeJS.WritableStream, label: string, now: () => number): ProgressReporter {
  let lastTenth = -1;
  let lastAt = 0;
  let stopped = false;
  return {
    update(p) {
      if (stopped) return;
      const t = now();
      if (p.total !== undefined && p.total > 0) {
        const tenth = Math.floor((10 * Math.min(p.done, p.total)) / p.total);
        if (tenth <= lastTenth) return;
        lastTenth = tenth;
        const pct = Math.floor((100 * Math.min(p.done, p.total)) / p.total);
        stream.write(
          `${label}: ${pct}% (${fraction(p.done, p.total, p.unit)}), ${int(p.records)} records, ${int(p.rejected)} rejected\n`,
        );
      } else {
        if (lastAt !== 0 && t - lastAt < 5_000) return;
        stream.write(`${label}: ${amount(p.done, p.unit)}, ${int(p.records)} records, ${int(p.rejected)} rejected\n`);
      }
      lastAt = t;
    },
    stop() {
      stopped = true;
    },
  };
}
