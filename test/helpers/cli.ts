/** Runs CLI commands in-process against a data folder, capturing output and the exit code. */
import { Command } from 'commander';
import { type CliContext, createContext } from '../../app/cli/context.js';

export type Register = (program: Command, ctx: () => CliContext) => void;

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export function cliRunner(register: Register, dataDir: () => string): (...argv: string[]) => Promise<CliRun> {
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
      ...createContext({ data: dataDir() }, {}),
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
