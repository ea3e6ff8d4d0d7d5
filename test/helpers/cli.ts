/**
 * The CLI under test, two ways: in-process against a data folder (`cliRunner`, fast, output and
 * exit code captured), or as a child process from the sources (`startCli`/`runCli`, which a test
 * can signal or kill midway).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { type CliContext, createContext, type GlobalOptions } from '../../app/cli/context.js';

export type Register = (program: Command, ctx: () => CliContext) => void;

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** `globals`: the program's own options (`--as-of`…) beside the data folder. */
export function cliRunner(
  register: Register,
  dataDir: () => string,
  globals: GlobalOptions = {},
): (...argv: string[]) => Promise<CliRun> {
  return async (...argv) => {
    let stdout = '';
    let stderr = '';
    const sink = (onWrite: (s: string) => void) =>
      ({
        write: (s: string) => {
          onWrite(s);
          return true;
        },
      }) as unknown as NodeJS.WriteStream;
    const ctx: CliContext = {
      ...createContext({ ...globals, data: dataDir() }, {}),
      stdout: sink((s) => {
        stdout += s;
      }),
      stderr: sink((s) => {
        stderr += s;
      }),
    };
    const program = new Command('ileanet')
      .exitOverride()
      .configureOutput({ writeErr: (s) => (stderr += s), writeOut: (s) => (stdout += s) });
    register(program, () => ctx);
    // The command sets the exit code as the real CLI does; it must not leak into the test run.
    process.exitCode = undefined;
    try {
      await program.parseAsync(argv, { from: 'user' });
      return { stdout, stderr, code: Number(process.exitCode ?? 0) };
    } finally {
      process.exitCode = undefined;
    }
  };
}

/* ------------------------------------------------------------ as a child process */

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The child process's entry: `main` of app/cli over its argv. */
export const CLI_ENTRY = fileURLToPath(new URL('./run-cli.ts', import.meta.url));

export interface CliProcessRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the CLI; `onStderr` sees each chunk of its error stream (progress lines) as it comes. */
export function startCli(args: readonly string[], onStderr?: (text: string, child: ChildProcess) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
    cwd: REPO,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, child);
  });
  const done = new Promise<CliProcessRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export const runCli = (args: readonly string[]): Promise<CliProcessRun> => startCli(args).done;
