/**
 * The network's own cycle walked in Chromium (issue 16, "Done when"): an officer raises a
 * challenge in the dashboard (its topics previewed and edited before sending), another officer votes and comments on it in the dashboard, the INC moves it to
 * "under analysis" and creates a poll from the top gaps in the dashboard, the poll is answered
 * from a chat bot (the real bots runtime on the same engine, through the fake transport the bot
 * tests use), the INC marks the challenge addressed by a result, and the Gaps and Trends pages
 * show the figures move: read off the pages before, during and after, and checked against the API.
 *
 * The cycle's pages also hold up on a phone (390 px: nothing scrolls sideways) and under failure
 * (an API error shows its message in the page, the shell stays).
 *
 * Without Chromium the suite is skipped locally with the reason printed; under CI it fails.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsAnswer, TrendsAnswer } from '../../engine/analytics/types.js';
import type { TokenName } from '../api/helpers.js';
import { type Bots, MEMBERS, startFakeBots } from '../bots/helpers/fake-transport.js';
import { requireService } from '../helpers/services.js';
import {
  type Browser,
  chromiumProblem,
  ensureDashboardBuilt,
  launchChromium,
  type Served,
  screenshot,
  serveDemo,
  shown,
} from './harness.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The INC of the test tokens coordinates Belgium (test/api/helpers.ts DEMO.inc). */
const COUNTRY = 'BE';

if (requireService('Chromium (dashboard browser tests)', chromiumProblem())) {
  describe('the network’s cycle in the dashboard, in Chromium', () => {
    let server: Served;
    let browser: Browser;
    let bots: Bots;

    beforeAll(async () => {
      await ensureDashboardBuilt();
      server = await serveDemo();
      browser = await launchChromium();
      // The bots run on the server's own engine, as `ileanet serve` and `ileanet bots` share a store.
      bots = await startFakeBots(server.demo.engine, {
        rateLimit: { max: 1_000, windowSeconds: 60 },
        identities: MEMBERS,
      });
    });
    afterAll(async () => {
      await bots?.close();
      await browser?.close();
      await server?.close();
    });

    async function open(who: TokenName, link = '', viewport?: { width: number; height: number }): Promise<Page> {
      const page = await browser.newPage();
      if (viewport !== undefined) await page.setViewportSize(viewport);
      await page.goto(`${server.base}#token=${server.tokens[who]}`);
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      if (link !== '') await page.goto(`${server.base}${link}`);
      return page;
    }

    async function send<T>(who: TokenName, method: string, path: string, body: unknown): Promise<T> {
      const res = await fetch(new URL(path, server.base), {
        method,
        headers: { authorization: `Bearer ${server.tokens[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    }

    interface GapFigures {
      challenges: number;
      votes: number;
      demand: number;
    }
    /** One topic's row of the Gaps page for the INC's country, as the page writes it. */
    async function gapRow(page: Page, topic: string): Promise<GapFigures> {
      await page.goto(`${server.base}#/gaps?country=${COUNTRY}`);
      const row = page.locator(`table[data-table="gap-topics"] tr[data-key="${topic}"]`);
      await row.waitFor();
      await page.waitForLoadState('networkidle');
      const cells = await row.locator('td').allTextContents();
      return { challenges: shown(cells[0] ?? ''), votes: shown(cells[1] ?? ''), demand: shown(cells[2] ?? '') };
    }

    interface CycleFigures {
      raised: number;
      addressed: number;
    }
    /** The cycle panel of the Trends page for the INC's country. */
    async function cycleStats(page: Page): Promise<CycleFigures> {
      await page.goto(`${server.base}#/trends?country=${COUNTRY}`);
      const panel = page.locator('[data-cycle]');
      await panel.waitFor();
      await page.waitForLoadState('networkidle');
      const stat = async (label: string) =>
        shown(await panel.locator('.stat').filter({ hasText: label }).locator('.stat-value').first().textContent());
      return { raised: await stat('Challenges raised'), addressed: await stat('Addressed') };
    }

    it('raise, vote and discuss, move to under analysis, poll from the top gaps answered from a bot, address: the gap closes and the trend figures follow', async () => {
      const gaps = await server.api<GapsAnswer>('inc', `/api/gaps?country=${COUNTRY}&limit=12`);
      const topic = gaps.topics[0]?.topic;
      if (topic === undefined) throw new Error(`the demo has no gap in ${COUNTRY}`);
      const inc = await open('inc');

      // Before: the figures the pages show are the API's.
      const gapBefore = await gapRow(inc, topic);
      const apiRow = gaps.topics[0];
      expect(gapBefore).toEqual({ challenges: apiRow?.challenges, votes: apiRow?.votes, demand: apiRow?.demand });
      const cycleBefore = await cycleStats(inc);
      const trends = await server.api<TrendsAnswer>('inc', `/api/trends?country=${COUNTRY}`);
      expect(cycleBefore).toEqual({ raised: trends.cycle.challenges, addressed: trends.cycle.addressed });

      // 1. An officer raises a challenge for Belgium in the dashboard: "Check" pre-fills the topics
      // matched from the vocabulary and lists the likely duplicates; the officer keeps the gap's topic only.
      const title = `Drones drop phones into the Haren prison yard at night (${Date.now()})`;
      const raiserBoard = await open('nordmark', `#/challenges?country=${COUNTRY}`);
      await raiserBoard.locator('.panel.raise summary').click();
      const raiseForm = raiserBoard.getByRole('form', { name: 'Raise a challenge' });
      await raiseForm.getByLabel('Title: the need in one line').fill(title);
      await raiseForm
        .getByLabel('Description')
        .fill('Small drones fly in after dark; the yard cameras do not see them.');
      await raiseForm.getByLabel('Country').selectOption(COUNTRY);
      await raiseForm.getByRole('button', { name: 'Check topics and similar challenges' }).click();
      await raiseForm.getByRole('region', { name: 'Similar challenges' }).waitFor();
      const ticked = raiseForm.locator('fieldset.raise-topics').getByRole('checkbox');
      // Unticking takes a topic off the list (its box goes), so the first box is always the next one.
      while ((await ticked.count()) > 0) await ticked.first().click();
      await raiseForm.getByLabel('Add a topic').selectOption(topic);
      expect(await ticked.count()).toBe(1);
      expect((await raiseForm.getByLabel('Country').inputValue()) === COUNTRY).toBe(true);
      await raiseForm.getByRole('button', { name: 'Raise the challenge' }).click();
      const raisedNote = raiserBoard.locator('[data-raised]');
      await raisedNote.waitFor();
      const id = (await raisedNote.getAttribute('data-raised')) ?? '';
      expect(id).not.toBe('');
      // The raised challenge opens, and the API holds it as sent: Belgium, the one topic.
      await raiserBoard.locator(`[data-detail="${id}"]`).getByRole('heading', { level: 2, name: title }).waitFor();
      const stored = await server.api<{ challenge: { country: string }; topics: { id: string }[] }>(
        'nordmark',
        `/api/challenges/${encodeURIComponent(id)}`,
      );
      expect({ country: stored.challenge.country, topics: stored.topics.map((t) => t.id) }).toEqual({
        country: COUNTRY,
        topics: [topic],
      });
      await screenshot(raiserBoard, 'cycle-raise');
      await raiserBoard.close();
      const link = `#/challenges?country=${COUNTRY}&open=${encodeURIComponent(id)}`;

      // 2. Another officer votes and comments in the dashboard. (One whose person the INC may see:
      // a gap counts the votes of visible voters only, and the raiser's person is restricted.)
      const other = await open('officer', link);
      const detail = other.locator(`[data-detail="${id}"]`);
      await detail.getByRole('heading', { level: 2, name: title }).waitFor();
      // An officer who did not raise it is offered no status move.
      expect(await detail.getByRole('form', { name: 'Move this challenge' }).count()).toBe(0);
      await detail.getByRole('button', { name: 'Vote for' }).click();
      await detail.getByText('Vote counted.').waitFor();
      await expect.poll(() => detail.locator('.votes').getAttribute('data-votes-for')).toBe('1');
      expect(await detail.getByRole('button', { name: 'Vote for' }).getAttribute('aria-pressed')).toBe('true');
      const comment = 'Same in Antwerp: three drops last month, all after 22:00.';
      await detail.getByLabel('Add a comment').fill(comment);
      await detail.getByRole('button', { name: 'Post' }).click();
      await detail.locator('.comment-text', { hasText: comment }).waitFor();
      await screenshot(other, 'cycle-vote-comment');
      await other.close();

      // The raiser may only withdraw: that is the one move offered.
      const raiser = await open('nordmark', link);
      const raiserMoves = raiser.getByRole('form', { name: 'Move this challenge' });
      await raiserMoves.waitFor();
      expect(await raiserMoves.locator('label.choice').allTextContents()).toEqual([' Closed']);
      await raiser.close();

      // The gap of the topic grew by the challenge and its vote.
      const gapRaised = await gapRow(inc, topic);
      expect(gapRaised.challenges).toBe(gapBefore.challenges + 1);
      expect(gapRaised.votes).toBe(gapBefore.votes + 1);
      expect((await cycleStats(inc)).raised).toBe(cycleBefore.raised + 1);

      // 3. The INC finds it on the board and moves it to "under analysis" in the dashboard.
      await inc.goto(`${server.base}#/challenges?country=${COUNTRY}`);
      const card = inc.locator(`[data-column="open"] [data-challenge="${id}"]`);
      await card.waitFor();
      await card.getByRole('link', { name: title }).click();
      const incDetail = inc.locator(`[data-detail="${id}"]`);
      const moves = incDetail.getByRole('form', { name: 'Move this challenge' });
      await moves.waitFor();
      expect(await moves.locator('label.choice').allTextContents()).toEqual([
        ' Under analysis',
        ' Addressed',
        ' Closed',
        ' Duplicate',
      ]);
      await moves.getByLabel('Under analysis').check();
      await moves
        .getByLabel('Why (kept in the history)')
        .fill('Three prisons report it; the network looks for detectors');
      await moves.getByRole('button', { name: 'Move to Under analysis' }).click();
      await incDetail.locator('[data-status="in-progress"]').waitFor();
      await inc.locator(`[data-column="in-progress"] [data-challenge="${id}"]`).waitFor();
      expect(await incDetail.locator('.history li').count()).toBe(1);
      // The discussion is there for the INC too, with a "Hide" it may use.
      await incDetail.locator('.comment-text', { hasText: comment }).waitFor();
      expect(await incDetail.getByRole('button', { name: 'Hide' }).count()).toBe(1);

      // 4. The INC creates a poll from the top gaps in the dashboard.
      await inc.getByRole('link', { name: 'Polls' }).click();
      await inc.getByRole('heading', { level: 1, name: 'Polls' }).waitFor();
      await inc.locator('.new-poll summary').click();
      const form = inc.getByRole('form', { name: 'New poll' });
      const question = `Which of these should the network prioritise in ${new Date().getUTCFullYear() + 1}?`;
      await form.getByLabel('Question').fill(question);
      await form.getByLabel('From the top gaps').check();
      await form.getByLabel('How many gaps').fill('3');
      const created = inc.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/polls' && r.request().method() === 'POST',
      );
      await form.getByRole('button', { name: 'Create the poll' }).click();
      const pollId = ((await (await created).json()) as { poll: { id: string; options: string[] } }).poll.id;
      const pollCard = inc.locator(`[data-poll="${pollId}"]`);
      await pollCard.waitFor();
      const network = await server.api<GapsAnswer>('inc', '/api/gaps?limit=3');
      const options = network.topics.map((t) => t.label);
      expect(await pollCard.locator('table.poll-table tbody th').allTextContents()).toEqual(options);

      // 5. A member answers it from chat: the bots runtime takes the vote.
      await bots.transport.slash('U-sanne', `poll ${pollId}`);
      const first = bots.transport.last().reply.sections.flatMap((s) => s.items)[0]?.actions?.[0]?.command;
      expect(first).toBe(`vote ${pollId} 1`);
      await bots.transport.click('U-sanne', first ?? '');
      expect(bots.transport.last().text).toMatch(/is counted/u);
      // The page shows the bot's answer once it asks again (here: the page opened anew).
      await inc.reload();
      await inc.getByRole('navigation', { name: 'Pages' }).waitFor();
      const row = inc.locator(`[data-poll="${pollId}"] table.poll-table tr[data-key="${options[0]}"] td`);
      await expect.poll(async () => (await row.first().textContent()) ?? '').toBe('1');
      expect(await inc.locator(`[data-poll="${pollId}"] .recharts-bar-rectangle`).count()).toBe(options.length);
      await screenshot(inc, 'cycle-poll');

      // 6. The INC marks the challenge addressed by a result, with the take-up note.
      await inc.goto(`${server.base}${link}`);
      const moves2 = inc.locator(`[data-detail="${id}"]`).getByRole('form', { name: 'Move this challenge' });
      await moves2.waitFor();
      await moves2.getByLabel('Addressed', { exact: true }).check();
      const works = moves2.locator('.addressed-by');
      await works.locator('.choices input[type="checkbox"]').first().waitFor();
      const work = works.locator('.choices label').first();
      await work.locator('input').check();
      await moves2.getByLabel(/^Take-up/u).fill('piloted in Haren since 2026-03');
      await moves2.getByRole('button', { name: 'Move to Addressed' }).click();
      await inc.locator(`[data-detail="${id}"] [data-status="addressed"]`).waitFor();
      expect(await inc.locator(`[data-detail="${id}"] .history li`).count()).toBe(2);
      await inc.locator(`[data-column="addressed"] [data-challenge="${id}"]`).waitFor();
      await screenshot(inc, 'cycle-addressed');

      // 7. The gap closes (an addressed need leaves it) and the cycle counts it as addressed.
      const gapAfter = await gapRow(inc, topic);
      expect({ challenges: gapAfter.challenges, votes: gapAfter.votes }).toEqual({
        challenges: gapBefore.challenges,
        votes: gapBefore.votes,
      });
      const cycleAfter = await cycleStats(inc);
      expect(cycleAfter).toEqual({ raised: cycleBefore.raised + 1, addressed: cycleBefore.addressed + 1 });
      const history = await server.api<{ items: { to: string; addressedBy: string[]; takeUp?: string }[] }>(
        'inc',
        `/api/challenges/${encodeURIComponent(id)}/history`,
      );
      expect(history.items.map((h) => h.to)).toEqual(['in-progress', 'addressed']);
      expect(history.items[1]?.takeUp).toBe('piloted in Haren since 2026-03');
      process.stdout.write(
        `cycle walk: gap of ${topic} in ${COUNTRY}: challenges ${gapBefore.challenges} → ${gapRaised.challenges} → ${gapAfter.challenges}, votes ${gapBefore.votes} → ${gapRaised.votes} → ${gapAfter.votes}; cycle raised ${cycleBefore.raised} → ${cycleAfter.raised}, addressed ${cycleBefore.addressed} → ${cycleAfter.addressed}\n`,
      );
      await inc.close();
    });

    it('the pages show what the API returns to the viewer: a challenge the viewer may not see answers as a missing one does', async () => {
      // Restricted to the organisation of the "nordmark" token (test/api/helpers.ts).
      const hidden = 'demo:challenge:dna-mixture-court';
      const missing = 'demo:challenge:no-such-challenge';
      const member = await open('nordmark', `#/challenges?open=${encodeURIComponent(hidden)}`);
      await member.locator(`[data-detail="${hidden}"] h2`).waitFor();
      const outsider = await open('officer', `#/challenges?open=${encodeURIComponent(hidden)}`);
      // The message and the code, the same for both; only the request id differs.
      const said = async (id: string) => {
        const alert = outsider.locator(`[data-detail="${id}"] [role="alert"]`);
        await alert.waitFor();
        const [message, code] = await alert.locator('p').allTextContents();
        return { message: message?.replace(id, 'X'), code: code?.replace(/ · request .*$/u, '') };
      };
      const forHidden = await said(hidden);
      expect(forHidden).toEqual({
        message: 'Could not load this. no challenge X (or you may not see it)',
        code: 'ERR_CHALLENGE_NOT_FOUND',
      });
      await outsider.goto(`${server.base}#/challenges?open=${encodeURIComponent(missing)}`);
      expect(await said(missing)).toEqual(forHidden);
      // The board lists it for the member only, as GET /api/challenges does.
      for (const [page, who] of [
        [member, 'nordmark'],
        [outsider, 'officer'],
      ] as const) {
        await page.goto(`${server.base}#/challenges`);
        await page.locator('[data-board="challenges"]').waitFor();
        const listed = await server.api<{ items: { challenge: { id: string } }[] }>(who, '/api/challenges?limit=200');
        const onPage = await page
          .locator('[data-board] [data-challenge]')
          .evaluateAll((es) => es.map((e) => e.getAttribute('data-challenge')));
        expect(new Set(onPage)).toEqual(new Set(listed.items.map((i) => i.challenge.id)));
        expect(onPage.includes(hidden)).toBe(who === 'nordmark');
      }
      // Policy readers see the board but are offered no vote, no move, no comment form.
      const reader = await open(
        'policy',
        `#/challenges?open=${encodeURIComponent('demo:challenge:prison-drone-drops')}`,
      );
      const detail = reader.locator('[data-detail="demo:challenge:prison-drone-drops"]');
      await detail.locator('h2').waitFor();
      await detail.locator('.comments').waitFor();
      expect(await detail.getByRole('button', { name: 'Vote for' }).count()).toBe(0);
      expect(await detail.getByRole('form', { name: 'Move this challenge' }).count()).toBe(0);
      expect(await detail.getByLabel('Add a comment').count()).toBe(0);
      await Promise.all([member.close(), outsider.close(), reader.close()]);
    });

    it('a move made stale by someone else: the API’s 409 shows in the page, naming what is allowed now, and the form offers just that', async () => {
      const raised = await send<{ challenge: { id: string } }>('officer', 'POST', '/api/challenges', {
        title: `Thermal cameras miss drones in fog at the Bruges port (${Date.now()})`,
        country: COUNTRY,
      });
      const id = raised.challenge.id;
      const link = `#/challenges?open=${encodeURIComponent(id)}`;
      const [first, second] = [await open('inc', link), await open('inc', link)];
      for (const p of [first, second]) await p.getByRole('form', { name: 'Move this challenge' }).waitFor();
      const one = first.getByRole('form', { name: 'Move this challenge' });
      await one.getByLabel('Closed', { exact: true }).check();
      await one.getByRole('button', { name: 'Move to Closed' }).click();
      await first.locator(`[data-detail="${id}"] [data-status="closed"]`).waitFor();
      // The second tab still offers "Under analysis": the API refuses it and says what is allowed.
      const two = second.getByRole('form', { name: 'Move this challenge' });
      await two.getByLabel('Under analysis', { exact: true }).check();
      await two.getByRole('button', { name: 'Move to Under analysis' }).click();
      const refused = second.locator(`[data-detail="${id}"] .action-note[role="alert"]`);
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/cannot move from closed to in-progress; allowed: open/u);
      expect(await refused.textContent()).toMatch(/ERR_TRANSITION_NOT_ALLOWED/u);
      await expect.poll(() => two.locator('label.choice').allTextContents()).toEqual([' Open']);
      await Promise.all([first.close(), second.close()]);
    });

    it('keyboard: a card opens with Enter, the detail takes focus, the link carries the filters and the open card', async () => {
      const page = await open('inc', `#/challenges?country=${COUNTRY}`);
      const first = page.locator('[data-column="open"] .challenge-card a').first();
      await first.waitFor();
      const title = (await first.textContent()) ?? '';
      await first.focus();
      await page.keyboard.press('Enter');
      const heading = page.locator('.challenge-detail h2');
      await heading.waitFor();
      await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe(title);
      const hash = new URL(page.url()).hash;
      expect(hash).toMatch(new RegExp(`^#/challenges\\?country=${COUNTRY}&open=`, 'u'));
      await expect.poll(() => page.title()).toBe('Challenges · Belgium · ileanet');
      // The same link in a new tab opens the same card.
      const again = await open('inc', hash);
      await again.locator('.challenge-detail h2', { hasText: title }).waitFor();
      await Promise.all([page.close(), again.close()]);
    });

    it('events: an upcoming one takes a registration from the dashboard; its agenda proposal lists the open challenges of its theme', async () => {
      // An upcoming event (the demo's are all past): test data, written as an organiser would.
      const EVENT = 'test:event:drone-workshop';
      const nextYear = new Date().getUTCFullYear() + 1;
      await server.demo.engine.store.upsert({
        nodes: [
          {
            kind: 'Event',
            id: EVENT,
            visibility: 'network',
            title: 'Workshop: drones over prisons',
            date: `${nextYear}-03-12`,
            online: false,
            city: 'Brussels',
            country: 'BE',
          },
        ],
        relationships: [{ type: 'ABOUT', from: EVENT, to: 'area:counter-uas' }],
      });
      server.demo.engine.invalidate();
      const page = await open('officer', '#/events');
      const card = page.locator(`[data-events="upcoming"] [data-event="${EVENT}"]`);
      await card.waitFor();
      expect(await card.locator('[data-registrations]').getAttribute('data-registrations')).toBe('0');
      await card.getByRole('button', { name: 'Register' }).click();
      await card.getByText('You are registered.').waitFor();
      expect(await card.locator('[data-registrations]').getAttribute('data-registrations')).toBe('1');
      // Past events take none: no button is offered there.
      expect(await page.locator('[data-events="past"]').getByRole('button', { name: 'Register' }).count()).toBe(0);
      await card.getByRole('link', { name: 'Agenda proposal' }).click();
      const agenda = page.locator(`[data-agenda="${EVENT}"]`);
      await agenda.locator('h2').waitFor();
      const detail = await server.api<{ agenda: { id: string; title: string }[] }>(
        'officer',
        `/api/events/${encodeURIComponent(EVENT)}`,
      );
      expect(detail.agenda.length).toBeGreaterThan(0);
      expect(
        await agenda
          .locator('table[data-table="agenda"] tbody tr')
          .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-key'))),
      ).toEqual(detail.agenda.map((a) => a.id));
      // Each agenda line opens its challenge on the board.
      await agenda.getByRole('link', { name: detail.agenda[0]?.title ?? '' }).click();
      await page.locator(`[data-detail="${detail.agenda[0]?.id}"] h2`).waitFor();
      await page.close();
    });

    it('at 390 px: the three pages do not scroll sideways, poll charts keep a readable plot', async () => {
      const page = await open('inc', '', { width: 390, height: 844 });
      const widths: string[] = [];
      const links: [string, string][] = [
        ['challenges', `#/challenges?open=${encodeURIComponent('demo:challenge:prison-drone-drops')}`],
        ['polls', '#/polls'],
        ['events', '#/events'],
      ];
      const events = await server.api<{ upcoming: { event: { id: string } }[]; past: { event: { id: string } }[] }>(
        'inc',
        '/api/events',
      );
      const anEvent = events.upcoming[0]?.event.id ?? events.past[0]?.event.id;
      if (anEvent !== undefined) links.push(['events-agenda', `#/events?open=${encodeURIComponent(anEvent)}`]);
      for (const [name, link] of links) {
        await page.goto(`${server.base}${link}`);
        await page
          .locator(name.startsWith('events') ? '[data-events]' : name === 'polls' ? '[data-poll]' : '[data-board]')
          .first()
          .waitFor();
        if (name === 'events-agenda') await page.locator('[data-agenda] h2').waitFor();
        if (name === 'challenges') await page.locator('.challenge-detail .comments').waitFor();
        await page.waitForLoadState('networkidle');
        const { scroll, client } = (await page.evaluate(
          '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
        )) as { scroll: number; client: number };
        const plots = await page
          .locator('figure.chart .recharts-cartesian-grid')
          .evaluateAll((gs) => gs.map((g) => Math.round(g.getBoundingClientRect().width)));
        widths.push(`${name} ${scroll}px (plots ${[...new Set(plots)].join(', ') || 'none'} px)`);
        expect(scroll, `${name} scrolls sideways`).toBeLessThanOrEqual(client);
        for (const w of plots) expect(w, `a chart plot on ${name}`).toBeGreaterThan(200);
        await screenshot(page, `narrow-390-${name}`);
      }
      process.stdout.write(`cycle pages at 390 px:\n  ${widths.join('\n  ')}\n`);
      await page.close();
    });

    it('axe-core finds no WCAG 2.1 A/AA violation on the three pages, with their forms open, wide and narrow', async () => {
      const axe = await readFile(AXE_SOURCE, 'utf8');
      const summary: string[] = [];
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 390, height: 844 },
      ]) {
        const page = await open('inc', '', viewport);
        const views: [string, string, string][] = [
          [
            'challenges',
            `#/challenges?open=${encodeURIComponent('demo:challenge:prison-drone-drops')}`,
            '.challenge-detail .comments',
          ],
          ['polls', '#/polls', '[data-poll] figure.chart .recharts-bar-rectangle'],
          ['events', '#/events', '[data-events]'],
        ];
        for (const [name, link, ready] of views) {
          await page.goto(`${server.base}${link}`);
          await page.locator(ready).first().waitFor();
          if (name === 'polls') await page.locator('.new-poll summary').click();
          await page.waitForLoadState('networkidle');
          await page.evaluate(axe);
          const result = (await page.evaluate(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
          )) as {
            violations: { id: string; nodes: { target: string[]; failureSummary: string }[] }[];
            passes: unknown[];
          };
          summary.push(
            `${viewport.width}px ${name}: ${result.violations.length} violations, ${result.passes.length} rules passed`,
          );
          expect(
            result.violations.map(
              (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join('; ')}`,
            ),
            `${name} at ${viewport.width}px`,
          ).toEqual([]);
        }
        await page.close();
      }
      process.stdout.write(`axe-core on the cycle pages:\n  ${summary.join('\n  ')}\n`);
    });

    it('under failure: a server gone mid-use shows its reason in the page (list, detail, a refused write), never a blank page', async () => {
      // A server of its own, stopped and started here: the shared one stays up for the other tests.
      const own = await serveDemo();
      const page = await browser.newPage();
      await page.goto(`${own.base}#token=${own.tokens.inc}`);
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      await page.goto(`${own.base}#/challenges?open=${encodeURIComponent('demo:challenge:prison-drone-drops')}`);
      const detail = page.locator('.challenge-detail');
      await detail.locator('h2').waitFor();
      await page.waitForLoadState('networkidle');
      await own.stop();
      try {
        // A write while the server is away: the form says why, the page stays.
        await detail.getByLabel('Add a comment').fill('Is anyone testing RF detectors?');
        await detail.getByRole('button', { name: 'Post' }).click();
        const refused = detail.locator('.action-note[role="alert"]');
        await refused.waitFor();
        expect(await refused.textContent()).toMatch(/cannot be reached/u);
        // A page whose list cannot load: the error with "Try again", the shell still there.
        await page.getByRole('link', { name: 'Polls' }).click();
        const alert = page.getByRole('alert').filter({ hasText: /Could not load/u });
        await alert.first().waitFor();
        expect(await page.getByRole('navigation', { name: 'Pages' }).isVisible()).toBe(true);
        await screenshot(page, 'cycle-polls-down');
      } finally {
        await own.start();
      }
      const retry = page.getByRole('button', { name: 'Try again' }).first();
      await retry.click();
      await page.getByRole('heading', { level: 1, name: 'Polls' }).waitFor();
      await page.locator('[data-poll]').first().waitFor();
      // A refusal by the API itself (a poll closing in the past): its 400 names the field, in the form.
      await page.locator('.new-poll summary').click();
      const form = page.getByRole('form', { name: 'New poll' });
      await form.getByLabel('Question').fill('Too late?');
      await form.getByLabel('Closes on').fill('2020-01-01');
      await form.getByRole('button', { name: 'Create the poll' }).click();
      const bad = form.locator('.action-note[role="alert"]');
      await bad.waitFor();
      expect(await bad.textContent()).toMatch(/closesAt/u);
      expect(await bad.textContent()).toMatch(/ERR_INVALID_INPUT/u);
      await page.close();
      await own.close();
    });
  });
}
