/**
 * The one substitution in the Matrix tests: matrix-bot-sdk requires its native crypto binding
 * (@matrix-org/matrix-sdk-crypto-nodejs) when it is imported, and that binding's `.node` file
 * is fetched from GitHub at install, which this environment cannot reach. This puts a module
 * in that one module's place in Node's require cache: it loads, and it throws the moment
 * anything touches it, so a test that reached end-to-end encryption would fail loudly. Every
 * other module of the SDK stays real. Import this before the SDK is loaded.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const sdkDir = dirname(require.resolve('matrix-bot-sdk/package.json'));
/** Resolved the way matrix-bot-sdk resolves it, so the cache entry is the one its require() finds. */
export const CRYPTO_PATH = createRequire(join(sdkDir, 'package.json')).resolve('@matrix-org/matrix-sdk-crypto-nodejs');

export class E2eeUnavailable extends Error {
  override readonly name = 'E2eeUnavailable';
}

const refuse = (what: string): never => {
  throw new E2eeUnavailable(
    `end-to-end encryption was used (${what}), but @matrix-org/matrix-sdk-crypto-nodejs is substituted in these tests`,
  );
};

// Loading and module bookkeeping (interop checks, promise detection, inspection) must not throw; any real use must.
const INERT = new Set<string | symbol>(['__esModule', 'then', 'default', Symbol.toStringTag, 'constructor', 'toJSON']);
const substitute = new Proxy(Object.create(null) as object, {
  get: (_t, key) => (INERT.has(key) || typeof key === 'symbol' ? undefined : refuse(`.${String(key)}`)),
  has: () => false,
  ownKeys: () => [],
  getOwnPropertyDescriptor: () => undefined,
});

if (require.cache[CRYPTO_PATH] === undefined) {
  const Module = require('node:module') as { new (id: string): NodeJS.Module };
  const m = new Module(CRYPTO_PATH);
  m.filename = CRYPTO_PATH;
  m.loaded = true;
  m.exports = substitute;
  require.cache[CRYPTO_PATH] = m;
}
