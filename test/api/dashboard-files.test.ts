/**
 * The static dashboard plugin without a browser: its files go compressed (brotli preferred, gzip
 * for clients without it), hashed assets are cached for a year and the page never, and the
 * compression stays inside the plugin (API answers go as they were). A small built-like folder
 * stands in for dist/dashboard: the plugin only reads files.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, openApi } from './helpers.js';

describe('the dashboard files', () => {
  let api: ApiFixture;
  let dir: string;
  // Text that compresses like a bundle does: repeated identifiers.
  const script = Array.from({ length: 400 }, (_, i) => `export const chart${i % 40} = () => render(${i});`).join('\n');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-dashboard-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), `<!doctype html><title>ileanet</title>${'<p>ileanet</p>'.repeat(100)}`);
    await writeFile(join(dir, 'assets', 'chart-box-AbC123xy.js'), script);
    api = await openApi({ dashboardDir: dir });
  });
  afterAll(async () => {
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('hashed assets: brotli when asked, a year immutable, and the same bytes once decompressed', async () => {
    const r = await api.as(undefined, {
      method: 'GET',
      url: '/assets/chart-box-AbC123xy.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(r.headers['vary'])).toMatch(/accept-encoding/iu);
    expect(r.rawPayload.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(r.rawPayload).toString()).toBe(script);
  });

  it('gzip for a client without brotli, identity for one that asks for nothing', async () => {
    const gz = await api.as(undefined, {
      method: 'GET',
      url: '/assets/chart-box-AbC123xy.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await api.as(undefined, {
      method: 'GET',
      url: '/assets/chart-box-AbC123xy.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('the page itself is revalidated on every load, so a new build shows at once', async () => {
    const r = await api.as(undefined, { method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-encoding']).toBe('br');
  });

  it('API answers are not touched by the dashboard plugin’s compression', async () => {
    const r = await api.as('officer', {
      method: 'GET',
      url: '/api/facets',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.json()).toHaveProperty('countries');
  });
});
