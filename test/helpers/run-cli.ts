/**
 * `ileanet` from the sources, as a child process runs it (`node --import tsx test/helpers/run-cli.ts …`,
 * argv as for bin/ileanet.js): for tests that kill the CLI midway like a Ctrl-C or a crash, or run
 * several processes on one store.
 */
import { main } from '../../app/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
