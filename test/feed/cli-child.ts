/** `ileanet` from the sources (tsx), for tests that run real processes: argv as for bin/ileanet.js. */
import { main } from '../../app/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
