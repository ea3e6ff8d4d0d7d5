/**
 * The dashboard under conditions the happy path never meets: a server that goes away and comes
 * back, a phone-sized screen, figures taken away (CSV, PNG, a printable report), links that carry
 * filters, accessibility checked by axe-core, and the weight of the first load on the wire.
 * Figures (bytes, widths, axe results) are printed, as the benchmark-free way to report them.
 *
 * Without Chromium the suite is skipped locally with the reason printed; under CI it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireService } from '../helpers/services.js';
import {
  type Browser,
  chromiumProblem,
  ensureDashboardBuilt,
  launchChromium,
  type Served,
  serveDemo,
} from './harness.js';

if (requireService('Chromium (dashboard browser tests)', chromiumProblem())) {
  describe('the dashboard under failure, on a phone, and taken away', () => {
    let server: Served;
    let browser: Browser;

    beforeAll(async () => {
      await ensureDashboardBuilt();
      server = await serveDemo();
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('first load of Trends: assets come compressed, and the whole transfer is reported', async () => {
      const page = await browser.newPage();
      const transfers: { url: string; bytes: number; encoding: string | undefined }[] = [];
      page.on('requestfinished', async (request) => {
        const response = await request.response();
        if (response === null) return;
        const sizes = await request.sizes();
        transfers.push({
          url: request.url(),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: (await response.allHeaders())['content-encoding'],
        });
      });
      await page.goto(`${server.base}#token=${server.tokens.officer}`);
      await page.locator('figure[data-chart="trends-series"] .recharts-line').first().waitFor();
      await page.waitForLoadState('networkidle');
      const total = transfers.reduce((a, t) => a + t.bytes, 0);
      process.stdout.write(
        `first load of Trends: ${transfers.length} responses, ${(total / 1024).toFixed(1)} KiB transferred\n${transfers
          .map((t) => `  ${new URL(t.url).pathname} ${(t.bytes / 1024).toFixed(1)} KiB ${t.encoding ?? 'identity'}`)
          .join('\n')}\n`,
      );
      const scripts = transfers.filter((t) => new URL(t.url).pathname.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s.encoding).toMatch(/^(br|gzip)$/u);
      const assets = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      const hashed = assets.find((u) => new URL(u).pathname.startsWith('/assets/'));
      expect(hashed).toBeDefined();
      const asset = await fetch(hashed ?? '', { headers: { 'accept-encoding': 'br, gzip' } });
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const index = await fetch(server.base, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(index.headers.get('cache-control')).toBe('no-cache');
      await page.close();
    });
  });
}
