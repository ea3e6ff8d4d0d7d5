/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against the real
 * server on the demo dataset. Each page must draw its charts from the API's own numbers: every
 * number asserted here is read off the page and compared with the JSON the page received
 * (and that JSON with a direct API call). Screenshots land in .cache/artifacts/browser/.
 *
 * Without Chromium the suite is skipped locally with the reason printed; under CI it fails.
 */

import { randomBytes } from 'node:crypto';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The dashboard's own number format: a score at a half (0.565) is shown as the page rounds it.
import { fmtScore } from '../../dashboard/src/lib/format.js';
import type { GapsAnswer, NetworkAnswer, TrendsAnswer } from '../../engine/analytics/types.js';
import { issueGrant, withGrant } from '../../engine/grants/index.js';
import type { Answer } from '../../engine/match/answer.js';
import type { SuggestAnswer } from '../../engine/suggest/types.js';
import type { TokenName } from '../api/helpers.js';
import { requireService } from '../helpers/services.js';
import {
  type Browser,
  chromiumProblem,
  ensureDashboardBuilt,
  launchChromium,
  round,
  type Served,
  screenshot,
  serveDemo,
  shown,
} from './harness.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

if (requireService('Chromium (dashboard browser tests)', chromiumProblem())) {
  describe('the dashboard in Chromium', () => {
    let server: Served;
    let browser: Browser;

    const GRANT_KEY = randomBytes(32);
    beforeAll(async () => {
      await ensureDashboardBuilt();
      server = await serveDemo({ grantKey: GRANT_KEY });
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
    async function open(who: TokenName = 'officer'): Promise<Page> {
      const page = await browser.newPage();
      await page.goto(`${server.base}#token=${server.tokens[who]}`);
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      return page;
    }

    /** Numbers of a chart's bar labels, in drawing order. */
    const labels = async (page: Page, chart: string): Promise<number[]> =>
      (await page.locator(`figure[data-chart="${chart}"] .recharts-label-list text`).allTextContents()).map(shown);

    /** Cells of a table's body rows, keyed by the row's data-key. */
    async function rows(page: Page, table: string): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      for (const tr of await page.locator(`table[data-table="${table}"] tbody tr`).all()) {
        out.set((await tr.getAttribute('data-key')) ?? '', await tr.locator('td').allTextContents());
      }
      return out;
    }

    async function expectTrends(page: Page, answer: TrendsAnswer, measure: 'challenges' | 'projects' | 'results') {
      await expect.poll(() => labels(page, 'trends-totals')).toEqual([...answer.totals[measure]]);
      // The per-series chart and table draw in a second render: wait for them to show these numbers.
      // The total is the measure on screen's, not all three measures' (the API's `total`).
      const expected = answer.series.map((s) => [s.key, [...s.counts[measure], sum(s.counts[measure])]] as const);
      await expect
        .poll(async () =>
          [...(await rows(page, 'trends-series'))].map(([k, cells]) => [k, cells.slice(0, -1).map(shown)]),
        )
        .toEqual(expected);
      expect(await page.locator('figure[data-chart="trends-series"] .recharts-line').count()).toBe(
        answer.series.length,
      );
      const emerging = await rows(page, 'emerging');
      expect([...emerging.keys()]).toEqual(answer.emerging.map((e) => e.key));
    }

    it('first load: signs in from the link, draws Trends with the API’s numbers (and says how long it took)', async () => {
      const page = await browser.newPage();
      const trends = apiResponse(page, '/api/trends');
      await page.goto(`${server.base}#token=${server.tokens.officer}`);
      await page.locator('figure[data-chart="trends-totals"] .recharts-bar-rectangle').first().waitFor();
      const firstLoad = Number(await page.evaluate('performance.now()'));
      process.stdout.write(`dashboard first load (navigation to first chart drawn): ${Math.round(firstLoad)} ms\n`);
      // The token left the address bar; it lives in this tab's sessionStorage only.
      expect(page.url()).not.toContain('token=');
      expect(await page.evaluate('sessionStorage.getItem("ileanet.token")')).toBe(server.tokens.officer);
      const answer = (await (await trends).json()) as TrendsAnswer;
      expect(answer).toEqual(await server.api('officer', '/api/trends?by=topic&unit=year&limit=8'));
      expect(answer.series.length).toBeGreaterThan(1);
      expect(sum(answer.totals.challenges)).toBeGreaterThan(0);
      await expectTrends(page, answer, 'challenges');
      await expect.poll(() => page.getByText('Signed in as').textContent()).toContain('officer');
      await screenshot(page, 'trends');
      await page.close();
    });

    it('Trends: the country, topic and measure filters redraw the charts with the new numbers', async () => {
      const page = await browser.newPage();
      const opening = apiResponse(page, '/api/trends');
      await page.goto(`${server.base}#token=${server.tokens.officer}`);
      const first = (await (await opening).json()) as TrendsAnswer;
      await expectTrends(page, first, 'challenges');

      const be = apiResponse(page, '/api/trends', (u) => u.searchParams.get('country') === 'BE');
      await page.getByLabel('Country', { exact: true }).selectOption('BE');
      const byBe = (await (await be).json()) as TrendsAnswer;
      expect(byBe).toEqual(await server.api('officer', '/api/trends?by=topic&unit=year&country=BE&limit=8'));
      expect(sum(byBe.totals.challenges)).toBeLessThan(sum(first.totals.challenges));
      await expectTrends(page, byBe, 'challenges');

      await page.getByLabel('Count', { exact: true }).selectOption('results');
      await expectTrends(page, byBe, 'results');

      // Belgium has nothing on counter-drone work: the page says so in the API's words.
      const none = apiResponse(page, '/api/trends', (u) => u.searchParams.get('topic') === 'area:counter-uas');
      await page.getByLabel('Topic', { exact: true }).selectOption('area:counter-uas');
      const nothing = (await (await none).json()) as TrendsAnswer;
      expect(nothing.empty).toMatch(/BE/u);
      await expect.poll(() => page.locator('.state-empty').textContent()).toBe(nothing.empty);
      expect(await page.locator('figure[data-chart="trends-totals"]').count()).toBe(0);

      const topic = apiResponse(page, '/api/trends', (u) => !u.searchParams.has('country'));
      await page.getByLabel('Country', { exact: true }).selectOption({ label: 'All countries' });
      const byTopic = (await (await topic).json()) as TrendsAnswer;
      expect(byTopic.series.length).toBeGreaterThan(0);
      expect(byTopic.series[0]?.key).toBe('area:counter-uas');
      await expectTrends(page, byTopic, 'results');
      await screenshot(page, 'trends-filtered');
      await page.close();
    });

    it('a link from a chat bot opens without a token: its grant is exchanged once, read-only, at the hit it names', async () => {
      const page = await browser.newPage();
      const q = 'drone detection at prisons';
      const answer = await server.api<{ hits: { id: string }[] }>(
        'officer',
        `/api/who-solved?text=${encodeURIComponent(q)}&limit=5`,
      );
      // The page asks for 5 of each kind, as here; the link names one further down the list.
      const focus = answer.hits.at(-1)?.id ?? '';
      const link = withGrant(
        `${server.base}#/search?${new URLSearchParams({ text: q, focus }).toString()}`,
        issueGrant(GRANT_KEY, { id: 'audience:matrix:!room', clearance: 'network', orgs: [] }),
      );
      await page.goto(link);
      const focused = page.locator(`li.hit[data-hit="${focus}"]`);
      await focused.waitFor();
      expect(await focused.getAttribute('aria-current')).toBe('true');
      // The grant left the address bar at once; the tab holds a session token, not the grant.
      expect(page.url()).not.toContain('grant=');
      expect(String(await page.evaluate('sessionStorage.getItem("ileanet.token")'))).toMatch(/^igs_/u);
      await page.close();
      // The same link a second time: spent, and the sign-in form says so.
      const again = await browser.newPage();
      await again.goto(link);
      await expect.poll(() => again.getByText(/already opened once/u).count()).toBeGreaterThan(0);
      await again.close();
    });

    it('Trends: a link from a chat bot (#/trends?country=BE&by=country) presets the filters', async () => {
      const page = await open();
      await page.goto(`${server.base}#/trends?country=BE&by=country`);
      // The link is followed in a tab already showing Trends, at once after sign-in: the page's
      // write-back of its own filters must not overwrite a link it has not read yet (it did, once
      // in CI, when its effects ran after the hash had moved).
      await expect.poll(() => page.getByLabel('Country', { exact: true }).inputValue()).toBe('BE');
      expect(new URL(page.url()).hash).toContain('country=BE');
      // And the link survives a reload.
      await page.reload();
      await expect.poll(() => page.getByLabel('Country', { exact: true }).inputValue()).toBe('BE');
      const answer = await server.api<TrendsAnswer>('officer', '/api/trends?by=country&unit=year&country=BE&limit=8');
      await expectTrends(page, answer, 'challenges');
      await page.close();
    });

    it('Gaps: demand against mature results, chart and tables from the API, and the maturity filter', async () => {
      const page = await open('policy');
      const gaps = apiResponse(page, '/api/gaps');
      await page.getByRole('link', { name: 'Gaps' }).click();
      const answer = (await (await gaps).json()) as GapsAnswer;
      expect(answer).toEqual(await server.api('policy', '/api/gaps?minMaturity=0.6&limit=12'));
      expect(answer.topics.length).toBeGreaterThan(2);
      const check = async (a: GapsAnswer) => {
        // Demand bars first, then mature-result bars, each labelled with its number.
        await expect
          .poll(() => labels(page, 'gaps'))
          .toEqual([...a.topics.map((t) => round(t.demand, 1)), ...a.topics.map((t) => t.matureResults)]);
        const table = await rows(page, 'gap-topics');
        expect([...table.keys()]).toEqual(a.topics.map((t) => t.topic));
        for (const t of a.topics) {
          expect((table.get(t.topic) ?? []).map(shown)).toEqual([
            t.challenges,
            round(t.votes, 1),
            round(t.demand, 1),
            t.matureResults,
            t.results,
            round(t.gap, 1),
          ]);
        }
        expect([...(await rows(page, 'gap-challenges')).keys()]).toEqual(a.challenges.map((c) => c.id));
      };
      await check(answer);
      await screenshot(page, 'gaps');

      const strict = apiResponse(page, '/api/gaps', (u) => u.searchParams.get('minMaturity') === '0.8');
      await page.getByLabel('Mature means', { exact: true }).selectOption('0.8');
      const stricter = (await (await strict).json()) as GapsAnswer;
      expect(sum(stricter.topics.map((t) => t.matureResults))).toBeLessThanOrEqual(
        sum(answer.topics.map((t) => t.matureResults)),
      );
      await check(stricter);
      await page.close();
    });

    it('Network: communities and the cross-border index per country as chart, table and matrix', async () => {
      const page = await open('inc');
      const network = apiResponse(page, '/api/network');
      await page.getByRole('link', { name: 'Network' }).click();
      const answer = (await (await network).json()) as NetworkAnswer;
      expect(answer).toEqual(await server.api('inc', '/api/network?top=10'));
      expect(answer.countries.length).toBeGreaterThan(3);
      await expect
        .poll(() => labels(page, 'cross-border'))
        .toEqual(answer.countries.map((c) => round(c.crossBorderIndex * 100, 1)));
      expect(await labels(page, 'communities')).toEqual(answer.communities.map((c) => c.size));
      const table = await rows(page, 'cross-border');
      for (const c of answer.countries) {
        expect((table.get(c.country) ?? []).map(shown)).toEqual([
          c.organisations,
          c.links,
          round(c.crossBorderIndex * 100, 1),
        ]);
      }
      const matrix = await rows(page, 'country-matrix');
      expect([...matrix.keys()]).toEqual([...answer.countryOrder]);
      answer.countryOrder.forEach((country, i) => {
        expect((matrix.get(country) ?? []).map(shown)).toEqual([...(answer.matrix[i] ?? [])]);
      });
      const stats = (await page.locator('[data-stats="network"] .stat-value').allTextContents()).map(shown);
      expect(stats).toEqual([
        answer.organisations,
        answer.links,
        answer.communities.length,
        round(answer.modularity, 2),
      ]);
      expect(await page.locator('[data-community]').count()).toBe(answer.communities.length);
      await screenshot(page, 'network');
      await page.close();
    });

    it('Search: who has solved X, each answer with its explanation drawn as a path', async () => {
      const page = await open();
      await page.getByRole('link', { name: 'Who solved it?' }).click();
      const asked = apiResponse(page, '/api/who-solved');
      await page.getByLabel('Need', { exact: true }).fill('drone detection at prisons');
      await page.getByLabel('Need', { exact: true }).press('Enter');
      const answer = (await (await asked).json()) as Answer;
      expect(answer.hits.length).toBeGreaterThan(3);
      const hits = page.locator('[data-hit]');
      await expect.poll(() => hits.count()).toBe(answer.hits.length);
      const drawn = answer.hits.filter((h) => h.path.nodes.length > 1);
      expect(drawn.length).toBeGreaterThan(0);
      for (const h of answer.hits) {
        const card = page.locator(`[data-hit="${h.id}"]`);
        expect(await card.locator('.hit-label').textContent()).toBe(h.label);
        expect(await card.locator('.why').textContent()).toBe(h.why);
        const svg = card.locator('svg.path');
        if (h.path.nodes.length < 2) {
          expect(await svg.count()).toBe(0);
          continue;
        }
        expect(await svg.getAttribute('data-path-nodes')).toBe(String(h.path.nodes.length));
        expect(await svg.locator('g.path-node').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')))).toEqual(
          h.path.nodes.map((n) => n.id),
        );
        expect(await svg.locator('g.path-rel').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-type')))).toEqual(
          h.path.relationships.map((r) => r.type),
        );
        expect(await svg.getAttribute('aria-label')).toContain(h.path.nodes[0]?.label ?? '');
      }
      await screenshot(page, 'search');

      // A filter narrows the answer as the API does.
      const filtered = apiResponse(page, '/api/who-solved', (u) => u.searchParams.get('minTrl') === '7');
      await page.getByLabel('Results from TRL', { exact: true }).selectOption('7');
      await page.getByRole('button', { name: 'Search' }).click();
      const narrow = (await (await filtered).json()) as Answer;
      await expect.poll(() => hits.count()).toBe(narrow.hits.length);
      for (const h of narrow.hits.filter((x) => x.kind === 'Result')) expect(h.trl ?? 0).toBeGreaterThanOrEqual(7);
      await page.close();
    });

    it('Collaborations: suggested partners for an INC and a country, scores as the API gives them', async () => {
      const page = await open('inc');
      const first = apiResponse(page, '/api/suggestions');
      await page.getByRole('link', { name: 'Collaborations' }).click();
      await first;
      const inc = apiResponse(page, '/api/suggestions', (u) => u.searchParams.get('inc') === 'demo:inc:PL');
      await page.getByLabel('Suggestions for', { exact: true }).selectOption('inc:demo:inc:PL');
      const answer = (await (await inc).json()) as SuggestAnswer;
      expect(answer).toEqual(await server.api('inc', '/api/suggestions?inc=demo%3Ainc%3APL&limit=10'));
      expect(answer.suggestions.length).toBeGreaterThan(0);
      await expect
        .poll(() => labels(page, 'suggestions'))
        .toEqual(answer.suggestions.map((s) => shown(fmtScore(s.scores.score))));
      const cards = page.locator('[data-suggestion]');
      expect(await cards.count()).toBe(answer.suggestions.length);
      const firstCard = answer.suggestions[0];
      expect(await cards.first().locator('.why').textContent()).toBe(firstCard?.why);
      // Each claim names its supporting work by id; the floor it had to clear is stated on the page.
      for (const [i, s] of answer.suggestions.entries())
        for (const c of s.complements) expect(await cards.nth(i).textContent()).toContain(c.answer.id);
      expect(await page.locator(`[data-topical-floor="${answer.topicalFloor.basis}"]`).count()).toBe(1);
      await screenshot(page, 'collaborations');

      const be = apiResponse(page, '/api/suggestions', (u) => u.searchParams.get('country') === 'BE');
      await page.getByLabel('Suggestions for', { exact: true }).selectOption('country:BE');
      const forBe = (await (await be).json()) as SuggestAnswer;
      await expect
        .poll(() => labels(page, 'suggestions'))
        .toEqual(forBe.suggestions.map((s) => shown(fmtScore(s.scores.score))));
      await page.close();
    });

    it('works from the keyboard alone', async () => {
      const page = await open();
      await page.locator('figure[data-chart="trends-totals"]').waitFor();
      // Tab from the top of the page to the Gaps link and follow it.
      let onGaps = false;
      for (let i = 0; i < 12 && !onGaps; i++) {
        await page.keyboard.press('Tab');
        onGaps = await page.evaluate('document.activeElement?.textContent === "Gaps"');
      }
      expect(onGaps).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Gaps' }).waitFor();
      expect(await page.evaluate('document.activeElement?.id')).toBe('main');
      // The filters are next in the tab order, and a select changes with the arrow keys.
      const gaps = apiResponse(page, '/api/gaps', (u) => u.searchParams.has('country'));
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('gaps-country');
      await page.keyboard.press('ArrowDown');
      expect(new URL((await gaps).url()).searchParams.get('country')).toMatch(/^[A-Z]{2}$/u);
      await page.close();
    });

    it('shows loading, empty and error states', async () => {
      const page = await browser.newPage();
      await page.goto(server.base);
      // No token: the sign-in form; a wrong one is refused with the API's reason.
      await page.getByLabel('API token', { exact: true }).fill('ilt_not-a-real-token-at-all-really');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not known/u);
      await screenshot(page, 'sign-in-refused');
      await page.getByLabel('API token', { exact: true }).fill(server.tokens.officer);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();

      await page.getByRole('link', { name: 'Who solved it?' }).click();
      // Empty: nothing in the network matches.
      const none = apiResponse(page, '/api/who-solved');
      await page.getByLabel('Need', { exact: true }).fill('xylophone quokka zeppelin');
      await page.getByRole('button', { name: 'Search' }).click();
      const empty = (await (await none).json()) as Answer;
      expect(empty.hits).toEqual([]);
      await expect.poll(() => page.locator('.state-empty').textContent()).toBe(empty.empty);
      // Error: the API's message, with its code, in an alert.
      const tooLong = apiResponse(page, '/api/who-solved');
      await page.getByLabel('Need', { exact: true }).fill('drones '.repeat(200));
      await page.getByRole('button', { name: 'Search' }).click();
      const problem = (await (await tooLong).json()) as { code: string; message: string };
      expect(problem.code).toBe('ERR_QUERY_TOO_LONG');
      await expect.poll(() => page.getByRole('alert').textContent()).toContain(problem.message);
      await screenshot(page, 'search-error');

      // Loading: shown while an answer is on its way (the request is held back here).
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/api/gaps**', async (route) => {
        await held;
        await route.continue();
      });
      await page.getByRole('link', { name: 'Gaps' }).click();
      // Among the page's live regions (the copy-link note is one, empty until used), one says it is loading.
      await page
        .getByRole('status')
        .filter({ hasText: /Loading/u })
        .first()
        .waitFor();
      release();
      await page.locator('figure[data-chart="gaps"]').waitFor();
      await page.close();
    });
  });
}
