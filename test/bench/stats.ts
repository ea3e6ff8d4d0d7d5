/** Small helpers shared by the benchmark scripts: percentiles, timers, memory. */
import { readFileSync } from 'node:fs';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** Runs `fn` over the inputs (after `warmup` untimed runs) and returns p50/p95/p99 in ms. */
export async function timeEach<T>(
  inputs: readonly T[],
  fn: (input: T) => Promise<unknown>,
  warmup = Math.min(50, inputs.length),
): Promise<{ p50: number; p95: number; p99: number; n: number }> {
  for (const x of inputs.slice(0, warmup)) await fn(x);
  const times: number[] = [];
  for (const x of inputs) {
    const t0 = performance.now();
    await fn(x);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), n: times.length };
}

/** Peak resident set of this process, in MiB (the kernel's high-water mark). */
export const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

/** Peak resident set of another process (e.g. the Neo4j JVM), in MiB, from /proc. */
export function peakRssOfPid(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] === undefined ? undefined : Number(m[1]) / 1024;
  } catch {
    return undefined;
  }
}

export const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
