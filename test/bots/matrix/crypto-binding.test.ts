/** The error `ileanet bots` gives when Matrix is configured and the SDK's native binding is missing. */

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bindingFile, bindingInfo, CRYPTO_MODULE, checkCryptoBinding } from '../../../bots/matrix/crypto-binding.js';
import { cryptoStandInInstalled, E2eeUnavailable, installCryptoStandIn } from '../../../bots/matrix/no-e2ee.js';

describe('the Matrix crypto binding check', () => {
  it('names the file to download, from where, and where to put it', () => {
    const info = bindingInfo();
    expect(info?.version).toBe('0.1.0-beta.6');
    expect(info?.dir).toMatch(/node_modules\/@matrix-org\/matrix-sdk-crypto-nodejs$/u);
    const refuse = () => {
      throw new Error("Cannot find module '@matrix-org/matrix-sdk-crypto-nodejs-linux-x64-gnu'\nRequire stack: …");
    };
    let message = '';
    try {
      checkCryptoBinding(refuse, info);
    } catch (e) {
      expect((e as { code?: string }).code).toBe('ERR_BOT_MATRIX_CRYPTO');
      message = (e as Error).message;
    }
    const file = bindingFile();
    expect(message).toContain(
      `download https://github.com/matrix-org/matrix-rust-sdk/releases/download/matrix-sdk-crypto-nodejs-v0.1.0-beta.6/${file}`,
    );
    expect(message).toContain(`copy it to ${info?.dir}/${file}`);
    expect(message).toContain("(Cannot find module '@matrix-org/matrix-sdk-crypto-nodejs-linux-x64-gnu')");
    expect(message).toMatch(/remove the matrix section and the MATRIX_\* variables\.$/u);
  });

  it('passes when the binding loads', () => {
    expect(() => checkCryptoBinding(() => ({}))).not.toThrow();
  });

  it('knows the file names of the platforms the module ships for', () => {
    expect(bindingFile('linux', 'x64')).toBe('matrix-sdk-crypto.linux-x64-gnu.node');
    expect(bindingFile('linux', 'arm64', true)).toBe('matrix-sdk-crypto.linux-arm64-musl.node');
    expect(bindingFile('darwin', 'arm64')).toBe('matrix-sdk-crypto.darwin-arm64.node');
    expect(bindingFile('win32', 'x64')).toBe('matrix-sdk-crypto.win32-x64-msvc.node');
  });

  it('with encryption off, an inert stand-in lets the SDK load and refuses any use of encryption', async () => {
    installCryptoStandIn();
    expect(cryptoStandInInstalled()).toBe(true);
    const sdk = await import('matrix-bot-sdk');
    expect(typeof sdk.MatrixClient).toBe('function');
    const sdkRequire = createRequire(createRequire(import.meta.url).resolve('matrix-bot-sdk/package.json'));
    const binding = sdkRequire(CRYPTO_MODULE) as Record<string, unknown>;
    expect(() => binding['OlmMachine']).toThrow(E2eeUnavailable);
    // The stand-in is not the binding: with encryption on, the clear error still comes.
    expect(() => checkCryptoBinding(sdkRequire)).toThrow(/ERR_BOT_MATRIX_CRYPTO|only the inert stand-in/u);
  });
});
