/**
 * A real `ileanet serve` stand-in for the crash tests, run as its own process:
 * the embedded store in the folder given, the engine in lexical mode, one officer token
 * (from ILEANET_TEST_TOKEN_SHA256), no rate limit. Prints `listening <port>` when ready; the
 * test then writes through HTTP and kills it with SIGKILL while writes are in flight.
 */
import { startServer } from '../../../app/api/server.js';
import { TokenTable } from '../../../app/api/tokens.js';
import { openStore } from '../../../graph/index.js';

const dataDir = process.argv[2];
const sha256 = process.env['ILEANET_TEST_TOKEN_SHA256'];
if (dataDir === undefined || sha256 === undefined) {
  process.stderr.write('usage: crash-server.ts <dataDir> (with ILEANET_TEST_TOKEN_SHA256)\n');
  process.exit(2);
}
const store = await openStore({ backend: 'embedded', dataDir });
const server = await startServer({
  store,
  dataDir,
  mode: 'lexical',
  port: 0,
  tokens: new TokenTable([
    {
      name: 'crash test',
      role: 'officer',
      sha256,
      person: 'demo:person:olivier-dufresnel',
      organisation: 'demo:org:valmont-prisons',
    },
  ]),
  rateLimit: { max: 1_000_000_000, timeWindow: 60_000, failedAuth: 1_000_000_000 },
  answerCache: false,
});
process.stdout.write(`listening ${server.port}\n`);
