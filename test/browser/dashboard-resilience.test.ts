/**
 * The dashboard under conditions the happy path never meets: a server that goes away and comes
 * back, a phone-sized screen, figures taken away (CSV, PNG, a printable report), links that carry
 * filters, accessibility checked by axe-core, and the weight of the first load on the wire.
 * Figures (bytes, widths, axe results) are printed, as the benchmark-free way to report them.
 *
 * Without Chromium the suite is skipped locally with the reason printed; under CI it fails.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsAnswer, NetworkAnswer, TrendsAnswer } from '../../engine/analytics/types.js';
import type { TokenName } from '../api/helpers.js';
import { requireService } from '../helpers/services.js';
import {
  type Browser,
  chromiumProblem,
  ensureDashboardBuilt,
  launchChromium,
  type Served,
  screenshot,
  serveDemo,
} from './harness.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb or rgb() colours. */
function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/iu.exec(colour);
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/u.exec(colour);
  const parts = hex !== null ? hex.slice(1).map((h) => Number.parseInt(h, 16)) : rgb?.slice(1).map(Number);
  if (parts === undefined || parts.length !== 3) throw new Error(`not a colour: ${colour}`);
  const [r, g, b] = parts.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

const PAGES = ['trends', 'gaps', 'network', 'search', 'collaborations', 'report'] as const;
/** Each page as a link opens it, with something to show (Search needs a question). */
const LINK: Record<(typeof PAGES)[number], string> = {
  trends: '#/trends',
  gaps: '#/gaps',
  network: '#/network',
  search: '#/search?text=drone+detection+at+prisons',
  collaborations: '#/collaborations?for=inc:demo:inc:PL',
  report: '#/report',
};
/** What shows when a page has drawn its figures. */
const READY: Record<(typeof PAGES)[number], string> = {
  trends: 'figure[data-chart="trends-series"] .recharts-line',
  gaps: 'figure[data-chart="gaps"] .recharts-bar-rectangle',
  network: 'figure[data-chart="communities"] .recharts-bar-rectangle',
  search: '[data-hit] svg.path',
  collaborations: 'figure[data-chart="suggestions"] .recharts-bar-rectangle',
  report: '[data-report="policy-brief"] h2',
};

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

    const apiResponse = (page: Page, path: string, test: (u: URL) => boolean = () => true): Promise<Response> =>
      page.waitForResponse((r) => {
        const u = new URL(r.url());
        return u.pathname === path && r.request().method() === 'GET' && test(u);
      });

    /** Signs in through the URL fragment and waits for the shell. */
    async function open(who: TokenName = 'officer', viewport?: { width: number; height: number }): Promise<Page> {
      const page = await browser.newPage();
      if (viewport !== undefined) await page.setViewportSize(viewport);
      await page.goto(`${server.base}#token=${server.tokens[who]}`);
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      return page;
    }

    async function visit(page: Page, name: (typeof PAGES)[number]): Promise<void> {
      await page.goto(`${server.base}${LINK[name]}`);
      await page.locator(READY[name]).first().waitFor();
      // Second renders (Trends' series chart, tables) settle before anything is measured.
      await page.waitForLoadState('networkidle');
    }

    it('server stopped mid-use: figures on screen are marked out of date, a page not yet loaded offers a retry that works once the server is back', async () => {
      const page = await open('inc');
      await page.locator(READY.trends).first().waitFor();
      await server.stop();
      try {
        // A refresh fails: the figures stay, marked out of date, with the reason and a retry.
        await page.getByLabel('Country', { exact: true }).selectOption('BE');
        await page.locator('[data-stale="true"]').waitFor();
        expect(await page.locator('.stale-note').textContent()).toMatch(
          /Out of date: these figures were loaded at \d\d:\d\d:\d\d/u,
        );
        expect(await page.locator('[data-stale="true"] figure[data-chart="trends-totals"]').count()).toBe(1);
        await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/cannot be reached/u);
        await screenshot(page, 'trends-stale');

        // A page whose code was never fetched: the boundary, not a blank window.
        await page.getByRole('link', { name: 'Network' }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'Could not load the Network page' });
        await alert.waitFor();
        expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
        expect(await alert.getByRole('button', { name: 'Reload the dashboard' }).count()).toBe(1);
        expect(await page.getByRole('navigation', { name: 'Pages' }).isVisible()).toBe(true);
        // Asking again while the server is still down fails the same way, and the shell stays.
        await alert.getByRole('button', { name: 'Try again' }).click();
        await alert.waitFor();
        await screenshot(page, 'network-boundary');
      } finally {
        await server.start();
      }
      // Back: "Try again" loads the page's code without reloading the document.
      const marker = await page.evaluate('window.stillHere = true');
      expect(marker).toBe(true);
      const network = apiResponse(page, '/api/network');
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { level: 1, name: 'Network' }).waitFor();
      const answer = (await (await network).json()) as NetworkAnswer;
      expect(await page.locator('figure[data-chart="communities"] .recharts-bar-rectangle').count()).toBe(
        answer.communities.length,
      );
      // The same document all along: no reload happened.
      expect(await page.evaluate('window.stillHere')).toBe(true);
      // And Trends, whose refresh failed, is current again after its own retry.
      await page.getByRole('link', { name: 'Trends' }).click();
      await page.locator(READY.trends).first().waitFor();
      expect(await page.locator('[data-stale="true"]').count()).toBe(0);
      await page.close();
    });

    // 390 px: a common phone; 360 px: the narrowest the dashboard promises.
    it.each([390, 360])(
      'at %i px: no page scrolls sideways, every chart plot is wider than 200 px, categories sit above bars, path labels stay readable',
      async (width) => {
        const page = await open('inc', { width, height: 844 });
        const widths: string[] = [];
        for (const name of PAGES) {
          await visit(page, name);
          const { scroll, client } = (await page.evaluate(
            '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
          )) as { scroll: number; client: number };
          const plots = await page
            .locator('figure.chart .recharts-cartesian-grid')
            .evaluateAll((gs) => gs.map((g) => Math.round(g.getBoundingClientRect().width)));
          widths.push(`${name} ${scroll}px (plots ${plots.join(', ') || 'none'} px)`);
          expect(scroll, `${name} scrolls sideways`).toBeLessThanOrEqual(client);
          for (const w of plots) expect(w, `a chart plot on ${name}`).toBeGreaterThan(200);
          await screenshot(page, `narrow-${width}-${name}`);
          if (name === 'gaps' || name === 'collaborations') {
            const chart = name === 'gaps' ? 'gaps' : 'suggestions';
            const bars = await page
              .locator(`figure[data-chart="${chart}"] .recharts-bar`)
              .first()
              .locator('.recharts-bar-rectangle')
              .count();
            expect(await page.locator(`figure[data-chart="${chart}"] text.category-above`).count()).toBe(bars);
          }
          if (name === 'search') {
            // Labels at their natural size (13 px), the path scrolling inside its card instead.
            const sizes = await page
              .locator('svg.path .path-label')
              .evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height));
            expect(sizes.length).toBeGreaterThan(0);
            for (const h of sizes) expect(h).toBeGreaterThanOrEqual(12);
            const wrap = await page
              .locator('.path-wrap')
              .first()
              .evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
            expect(wrap.client).toBeLessThan(width);
            expect(wrap.scroll).toBeGreaterThan(wrap.client);
          }
        }
        process.stdout.write(`page widths at ${width} px:\n  ${widths.join('\n  ')}\n`);
        await page.close();
      },
    );

    it('export: the CSV behind the Gaps chart parses back to the API’s numbers; the PNG is the chart drawn at twice its size', async () => {
      const page = await open('policy');
      const gaps = apiResponse(page, '/api/gaps');
      await visit(page, 'gaps');
      const answer = (await (await gaps).json()) as GapsAnswer;
      const figure = page.locator('figure[data-chart="gaps"]');
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        figure.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe('gaps-topics.csv');
      const text = await readFile(await csv.path(), 'utf8');
      const records = parse(text, { bom: true, columns: true, cast: true }) as Record<string, string | number>[];
      expect(records.map((r) => [r['topic'], r['demand'], r['mature results'], r['gap']])).toEqual(
        answer.topics.map((t) => [t.label, t.demand, t.matureResults, t.gap]),
      );
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        figure.getByRole('button', { name: 'Download PNG' }).click(),
      ]);
      expect(png.suggestedFilename()).toBe('gaps-topics.png');
      const bytes = await readFile(await png.path());
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      const svg = await figure.locator('.recharts-wrapper > svg.recharts-surface').boundingBox();
      expect(bytes.readUInt32BE(16)).toBe(Math.round((svg?.width ?? 0) * 2));
      // Taller than the chart: its legend (HTML in recharts) is drawn under it.
      const pngHeight = bytes.readUInt32BE(20);
      expect(pngHeight).toBeGreaterThan(Math.round((svg?.height ?? 0) * 2));
      // Decoded by the browser: bars in the chart's colours, and ink (the legend's text) in the strip under the chart.
      const seen = (await page.evaluate(`(async () => {
        const img = new Image();
        img.src = 'data:image/png;base64,${bytes.toString('base64')}';
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        const hex = (d, i) => '#' + [d[i], d[i + 1], d[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('');
        const colours = new Set();
        const all = g.getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < all.length; i += 4) colours.add(hex(all, i));
        const strip = g.getImageData(0, ${Math.round((svg?.height ?? 0) * 2)}, c.width, c.height - ${Math.round((svg?.height ?? 0) * 2)}).data;
        let dark = 0;
        for (let i = 0; i < strip.length; i += 4) if (strip[i] + strip[i + 1] + strip[i + 2] < 200) dark++;
        return { colours: [...colours], dark };
      })()`)) as { colours: string[]; dark: number };
      const fills = await figure
        .locator('.recharts-bar-rectangle path')
        .evaluateAll((ps) => [...new Set(ps.map((p) => (p.getAttribute('fill') ?? '').toLowerCase()))]);
      for (const f of fills) expect(seen.colours).toContain(f);
      expect(seen.dark).toBeGreaterThan(50);
      // The trends series table as CSV follows the measure on screen.
      // Asked of the API directly: the page may answer from the request it started while loading.
      const t = await server.api<TrendsAnswer>('policy', '/api/trends?by=topic&unit=year&limit=8&minSupport=5');
      await page.goto(`${server.base}#/trends?measure=results`);
      await page.locator(READY.trends).first().waitFor();
      const [series] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('figure[data-chart="trends-series"]').getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const rows = parse(await readFile(await series.path(), 'utf8'), {
        bom: true,
        columns: true,
        cast: true,
      }) as Record<string, number>[];
      expect(rows.map((r) => r['total'])).toEqual(t.series.map((x) => x.counts.results.reduce((a, b) => a + b, 0)));
      await page.close();
    });

    it('the policy brief: its suggested actions on a page of their own, printed without the dashboard around them', async () => {
      const page = await open('policy');
      const report = apiResponse(page, '/api/report');
      await page.getByRole('link', { name: 'Policy brief' }).click();
      const markdown = await (await report).text();
      await page.locator(READY.report).first().waitFor();
      const headings = markdown.match(/^## .+$/gmu)?.map((h) => h.slice(3)) ?? [];
      expect(headings).toContain('Suggested actions');
      expect(await page.locator('[data-report] h2').allTextContents()).toEqual(headings);
      const actions = page.locator(
        '[data-report] h2:text-is("Suggested actions") + ul > li, [data-report] h2:text-is("Suggested actions") + ol > li',
      );
      expect(await actions.count()).toBeGreaterThan(0);
      expect(await page.title()).toBe('Policy brief · ileanet');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      process.stdout.write(`policy brief as PDF: ${(pdf.length / 1024).toFixed(1)} KiB\n`);
      await page.emulateMedia({ media: 'screen' });
      await page.close();
    });

    it('filters live in the link: a link restores them, changes are written back, the title names them, and "Copy link" copies it', async () => {
      const page = await open('policy');
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: new URL(server.base).origin,
      });
      const gaps = apiResponse(page, '/api/gaps', (u) => u.searchParams.get('minMaturity') === '0.8');
      await page.goto(`${server.base}#/gaps?country=BE&minMaturity=0.8`);
      const answer = (await (await gaps).json()) as GapsAnswer;
      expect(answer).toEqual(await server.api('policy', '/api/gaps?country=BE&minMaturity=0.8&limit=12'));
      // The filters' options come with the facets, which may arrive after the answer: the link's
      // values show once they are there.
      await expect.poll(() => page.getByLabel('Country', { exact: true }).inputValue()).toBe('BE');
      await expect.poll(() => page.getByLabel('Mature means', { exact: true }).inputValue()).toBe('0.8');
      await expect.poll(() => page.title()).toBe('Gaps · Belgium · mature from TRL 8 · ileanet');
      await page.getByLabel('Mature means', { exact: true }).selectOption('0.4');
      await expect.poll(() => new URL(page.url()).hash).toBe('#/gaps?country=BE&minMaturity=0.4');
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page.getByText('Link copied, with these filters.').waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(page.url());

      // A link opened in a new tab (no token there yet): after signing in, the page with its filters.
      const again = await browser.newPage();
      await again.goto(`${server.base}#/network?country=PL&top=20`);
      await again.getByLabel('API token', { exact: true }).fill(server.tokens.policy);
      const network = apiResponse(again, '/api/network', (u) => u.searchParams.get('country') === 'PL');
      await again.getByRole('button', { name: 'Sign in' }).click();
      expect(new URL((await network).url()).searchParams.get('top')).toBe('20');
      expect(await again.getByLabel('Central organisations', { exact: true }).inputValue()).toBe('20');
      await expect.poll(() => again.title()).toBe('Network · Poland · top 20 organisations · ileanet');
      const collab = apiResponse(again, '/api/suggestions', (u) => u.searchParams.get('country') === 'BE');
      await again.goto(`${server.base}#/collaborations?for=country:BE`);
      await collab;
      expect(await again.getByLabel('Suggestions for', { exact: true }).inputValue()).toBe('country:BE');
      await expect.poll(() => again.title()).toBe('Collaborations · Belgium · ileanet');
      const search = apiResponse(again, '/api/who-solved', (u) => u.searchParams.get('minTrl') === '7');
      await again.goto(`${server.base}#/search?text=drone+detection&minTrl=7`);
      await search;
      expect(await again.getByLabel('Need', { exact: true }).inputValue()).toBe('drone detection');
      await expect.poll(() => again.title()).toBe('Who solved it? · “drone detection” · from TRL 7 · ileanet');
      const trends = apiResponse(again, '/api/trends', (u) => u.searchParams.get('unit') === 'quarter');
      await again.goto(`${server.base}#/trends?measure=projects&unit=quarter`);
      await trends;
      expect(await again.getByLabel('Count', { exact: true }).inputValue()).toBe('projects');
      await expect.poll(() => again.title()).toBe('Trends · Projects started · per topic · by quarter · ileanet');
      await again.close();
      await page.close();
    });

    it('axe-core finds no WCAG 2.1 A/AA violation (colour contrast included) on any page, wide or narrow', async () => {
      const axe = await readFile(AXE_SOURCE, 'utf8');
      const summary: string[] = [];
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 390, height: 844 },
      ]) {
        const page = await open('inc', viewport);
        for (const name of PAGES) {
          await visit(page, name);
          // Evaluated, not injected as a <script>: the dashboard's CSP rightly refuses inline scripts.
          await page.evaluate(axe);
          const result = (await page.evaluate(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
          )) as {
            violations: { id: string; nodes: { target: string[]; failureSummary: string }[] }[];
            passes: { id: string; nodes: unknown[] }[];
          };
          const checked = result.passes.find((r) => r.id === 'color-contrast')?.nodes.length ?? 0;
          summary.push(
            `${viewport.width}px ${name}: ${result.violations.length} violations, ${result.passes.length} rules passed, color-contrast on ${checked} elements`,
          );
          expect(
            result.violations.map(
              (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join('; ')}`,
            ),
            `${name} at ${viewport.width}px`,
          ).toEqual([]);
          expect(checked, `color-contrast checked text on ${name}`).toBeGreaterThan(0);
        }
        await page.close();
      }
      // The sign-in form, the one page seen without a token.
      const signIn = await browser.newPage();
      await signIn.goto(server.base);
      await signIn.getByLabel('API token', { exact: true }).waitFor();
      await signIn.evaluate(axe);
      const form = (await signIn.evaluate(
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
      )) as { violations: { id: string }[]; passes: { id: string }[] };
      summary.push(`sign-in: ${form.violations.length} violations, ${form.passes.length} rules passed`);
      expect(form.violations.map((v) => v.id)).toEqual([]);
      expect(form.passes.map((p) => p.id)).toContain('color-contrast');
      await signIn.close();
      process.stdout.write(
        `axe-core ${JSON.parse(await readFile(AXE_SOURCE.replace(/axe\.min\.js$/u, 'package.json'), 'utf8')).version}:\n  ${summary.join('\n  ')}\n`,
      );
    });

    it('contrast beyond axe: focus rings, chart marks and labels, legend text; lines told apart by dash and marker; the skip link visible and clear of the nav', async () => {
      const page = await open('inc');
      await page.locator(READY.trends).first().waitFor();
      await page.waitForLoadState('networkidle');
      // The skip link: first in the tab order, readable, and not over the first nav link.
      await page.keyboard.press('Tab');
      const skip = page.getByRole('button', { name: 'Skip to content' });
      expect(await skip.evaluate((e) => e.matches(':focus'))).toBe(true);
      const look = await skip.evaluate((e) => {
        // This project's tsconfig has no DOM library; the function runs in the page, which has one.
        const s = (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(
          e,
        );
        return { color: s['color'] ?? '', background: s['backgroundColor'] ?? '' };
      });
      expect(contrast(look.color, look.background)).toBeGreaterThanOrEqual(4.5);
      const skipBox = await skip.boundingBox();
      const navBox = await page.getByRole('link', { name: 'Trends' }).boundingBox();
      expect(skipBox).not.toBeNull();
      expect(navBox).not.toBeNull();
      if (skipBox !== null && navBox !== null) {
        const overlaps =
          skipBox.x < navBox.x + navBox.width &&
          navBox.x < skipBox.x + skipBox.width &&
          skipBox.y < navBox.y + navBox.height &&
          navBox.y < skipBox.y + skipBox.height;
        expect(overlaps).toBe(false);
      }
      // Focus rings: 3:1 against what is behind them, in the header and on the page.
      const ring = async (selector: string, behind: string) => {
        await page.locator(selector).first().focus();
        const outline: string = await page
          .locator(selector)
          .first()
          .evaluate(
            (e) =>
              (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(e)[
                'outlineColor'
              ] ?? '',
          );
        return contrast(outline, behind);
      };
      await page.keyboard.press('Tab');
      const onHeader = (await page.evaluate('getComputedStyle(document.activeElement).outlineColor')) as string;
      expect(contrast(onHeader, '#12263f')).toBeGreaterThanOrEqual(3);
      await page.locator('#trends-country').focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      expect(await ring('#trends-country', '#ffffff')).toBeGreaterThanOrEqual(3);
      expect(await ring('#trends-country', '#f6f7f9')).toBeGreaterThanOrEqual(3);
      // Marks that carry meaning (bars, lines, markers) at 3:1 on white; their text at 4.5:1.
      const marks = await page
        .locator(
          'figure.chart .recharts-bar-rectangle path, figure.chart .recharts-line-curve, figure.chart .series-marker',
        )
        .evaluateAll((es) =>
          es.map((e) =>
            e.getAttribute('fill') !== 'none' && e.getAttribute('fill') !== null
              ? e.getAttribute('fill')
              : e.getAttribute('stroke'),
          ),
        );
      expect(marks.length).toBeGreaterThan(0);
      for (const m of new Set(marks)) expect(contrast(m ?? '', '#ffffff'), `mark ${m}`).toBeGreaterThanOrEqual(3);
      // SVG text shows its fill, the legend's HTML text its colour (the inner span: recharts colours the outer one).
      const texts: string[] = await page
        .locator('figure.chart .recharts-label-list text, figure.chart .recharts-legend-item-text > span')
        .evaluateAll((es) =>
          es.map((e) => {
            const s = (
              globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }
            ).getComputedStyle(e);
            return (e.tagName === 'text' ? s['fill'] : s['color']) ?? '';
          }),
        );
      expect(texts.length).toBeGreaterThan(0);
      for (const t of new Set(texts)) expect(contrast(t, '#ffffff'), `chart text ${t}`).toBeGreaterThanOrEqual(4.5);
      // Each line differs from every other by dash or marker shape, not by colour alone.
      // recharts draws all curves, then each line's markers in a layer of their own, in the same order.
      const series = page.locator('figure[data-chart="trends-series"]');
      const dashes = await series
        .locator('.recharts-line-curve')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke-dasharray') ?? ''));
      const shapes = await series
        .locator('.recharts-line-dots')
        .evaluateAll((gs) => gs.map((g) => g.querySelector('.series-marker')?.getAttribute('d') ?? ''));
      expect(shapes.length).toBe(dashes.length);
      const lines = dashes.map((d, i) => `${d}|${shapes[i]}`);
      expect(lines.length).toBeGreaterThan(1);
      expect(new Set(lines).size).toBe(lines.length);
      await page.close();
    });

    it('first load of Trends: assets come compressed, and the whole transfer is reported', async () => {
      const page = await browser.newPage();
      // Measured as a first visit: nothing from the other tests' visits in the cache.
      await (await page.context().newCDPSession(page)).send('Network.clearBrowserCache');
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
