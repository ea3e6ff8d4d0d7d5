/**
 * Matrix without the native crypto file. matrix-bot-sdk requires its native crypto binding
 * (@matrix-org/matrix-sdk-crypto-nodejs) the moment it is imported, even when the bot never
 * encrypts, and that binding's `.node` file is downloaded from GitHub at install, which an
 * air-gapped machine cannot do. With `encryption` off (the default) the adapter never calls into
 * the binding, so this puts an inert stand-in in exactly that one module's place in Node's
 * require cache before the SDK is loaded: it loads, and it throws `E2eeUnavailable` the moment
 * anything touches it, so a code path that reached end-to-end encryption fails loudly instead of
 * silently sending clear text. Every other module of the SDK stays real. With `encryption` on, the
 * real binding is required and `checkCryptoBinding` says how to get it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CRYPTO_MODULE, CRYPTO_STAND_INS } from './crypto-binding.js';

const require = createRequire(import.meta.url);

/** Resolved the way matrix-bot-sdk resolves it, so the cache entry is the one its require() finds. */
export function cryptoModulePath(): string {
  const sdkDir = dirname(require.resolve('matrix-bot-sdk/package.json'));
  return createRequire(join(sdkDir, 'package.json')).resolve(CRYPTO_MODULE);
}

export class E2eeUnavailable extends Error {
  override readonly name = 'E2eeUnavailable';
}

const refuse = (what: string): never => {
  throw new E2eeUnavailable(
    `end-to-end encryption was used (${what}), but matrix.encryption is off, so ${CRYPTO_MODULE} is an inert stand-in`,
  );
};

// Loading and module bookkeeping (interop checks, promise detection, inspection) must not throw; any real use must.
const INERT = new Set<string | symbol>(['__esModule', 'then', 'default', Symbol.toStringTag, 'constructor', 'toJSON']);
const standIn = new Proxy(Object.create(null) as object, {
  get: (_t, key) => (INERT.has(key) || typeof key === 'symbol' ? undefined : refuse(`.${String(key)}`)),
  has: () => false,
  ownKeys: () => [],
  getOwnPropertyDescriptor: () => undefined,
});

CRYPTO_STAND_INS.add(standIn);

/** Whether the crypto module in the require cache is this stand-in. */
export function cryptoStandInInstalled(): boolean {
  return require.cache[cryptoModulePath()]?.exports === standIn;
}

/**
 * Puts the stand-in in the crypto module's place unless a module is loaded there already (the
 * real binding, on a machine that has it, is left alone: it is never called either). Idempotent.
 * Call before matrix-bot-sdk is first imported.
 */
export function installCryptoStandIn(): void {
  const path = cryptoModulePath();
  if (require.cache[path] !== undefined) return;
  const Module = require('node:module') as { new (id: string): NodeJS.Module };
  const m = new Module(path);
  m.filename = path;
  m.loaded = true;
  m.exports = standIn;
  require.cache[path] = m;
}
