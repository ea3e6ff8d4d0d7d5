/**
 * Runs the CLI from source in a child process (node --import tsx test/ingest/helpers/run-cli.ts …),
 * so tests can kill it midway like a real user's Ctrl-C or a crash.
 */
import { main } from '../../../app/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
