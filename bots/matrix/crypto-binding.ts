/**
 * matrix-bot-sdk cannot even be imported without its native crypto binding
 * (@matrix-org/matrix-sdk-crypto-nodejs), whose install script downloads a `.node` file from
 * GitHub. Air-gapped installs do not have it; this check turns the SDK's cryptic load error
 * into the steps that fix it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BotError } from '../core/errors.js';

export const CRYPTO_MODULE = '@matrix-org/matrix-sdk-crypto-nodejs';
const DOWNLOADS = 'https://github.com/matrix-org/matrix-rust-sdk/releases/download';

/** The binding's file name for this machine, as the module's own loader looks for it. */
export function bindingFile(platform: string = process.platform, arch: string = process.arch, musl = false): string {
  const abi = platform === 'linux' ? (musl ? '-musl' : '-gnu') : platform === 'win32' ? '-msvc' : '';
  return `matrix-sdk-crypto.${platform}-${arch}${abi}.node`;
}

export interface BindingInfo {
  readonly version: string;
  readonly dir: string;
  readonly file: string;
  readonly url: string;
}

export function bindingInfo(req: NodeJS.Require = createRequire(import.meta.url)): BindingInfo | undefined {
  try {
    // Resolved from matrix-bot-sdk, which is what loads it.
    const sdk = dirname(req.resolve('matrix-bot-sdk/package.json'));
    const pkgPath = createRequire(join(sdk, 'package.json')).resolve(`${CRYPTO_MODULE}/package.json`);
    const { version } = req(pkgPath) as { version: string };
    const file = bindingFile();
    return { version, dir: dirname(pkgPath), file, url: `${DOWNLOADS}/matrix-sdk-crypto-nodejs-v${version}/${file}` };
  } catch {
    return undefined;
  }
}

/**
 * Modules standing in for the binding when encryption is off (./no-e2ee.ts): loading one of them
 * is not having the binding.
 */
export const CRYPTO_STAND_INS = new WeakSet<object>();

/** Throws ERR_BOT_MATRIX_CRYPTO, with what to download and where to put it, when the binding does not load. */
export function checkCryptoBinding(
  load: (id: string) => unknown = createRequire(import.meta.url),
  info = bindingInfo(),
): void {
  try {
    const loaded = load(CRYPTO_MODULE);
    if (typeof loaded === 'object' && loaded !== null && CRYPTO_STAND_INS.has(loaded)) {
      throw new Error('only the inert stand-in is loaded in this process');
    }
  } catch (e) {
    const where =
      info === undefined
        ? `install ${CRYPTO_MODULE} (a dependency of matrix-bot-sdk) with its native file`
        : `on a machine with internet access, download ${info.url} and copy it to ${join(info.dir, info.file)} (it must be the file for version ${info.version} of ${CRYPTO_MODULE}), then start again`;
    throw new BotError(
      'ERR_BOT_MATRIX_CRYPTO',
      `Matrix is configured, but matrix-bot-sdk cannot load without its native crypto binding (${(e as Error).message.split('\n')[0]}). To fix it, ${where}. To run the other bots without Matrix, remove the matrix section and the MATRIX_* variables.`,
      { cause: e },
    );
  }
}
