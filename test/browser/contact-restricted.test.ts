/**
 * Issue 17 on the dashboard, in Chromium: a vetted member's search shows each expert's contact
 * route and the restricted work that matches (kind, organisation kind, country, their own
 * reference; never its title) with "Request access" (refused in the API's words where no INC can
 * broker it); a guest (a chat link's grant read as a public room) sees none of it.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setContactRoute } from '../../engine/contact/index.js';
import { issueGrant, withGrant } from '../../engine/grants/index.js';
import type { Answer } from '../../engine/match/answer.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { DEMO } from '../api/helpers.js';
import { requireService } from '../helpers/services.js';
import {
  type Browser,
  chromiumProblem,
  ensureDashboardBuilt,
  launchChromium,
  type Served,
  serveDemo,
} from './harness.js';

const WORK = 'test:result:cell-jammer-trial';
const TITLE = 'Field trial of a cell jammer around prison wings';
const Q = 'cell jammer prison wings drones';

if (requireService('Chromium (dashboard browser tests)', chromiumProblem())) {
  describe('contact routes and hit/no-hit on the dashboard', () => {
    let server: Served;
    let browser: Browser;
    const GRANT_KEY = randomBytes(32);
    beforeAll(async () => {
      await ensureDashboardBuilt();
      server = await serveDemo({ grantKey: GRANT_KEY });
      browser = await launchChromium();
      const node = {
        id: WORK,
        kind: 'Result' as const,
        visibility: 'restricted' as const,
        owner: DEMO.officer.organisation,
        date: '2025-09-17',
        title: TITLE,
        description: 'Measured how far a directional cell jammer reaches beyond the wing walls',
        discoverable: true,
      };
      await server.demo.store.upsert({ nodes: [node] });
      await server.demo.engine.afterWrite([node]);
      // Every expert the member's search names sets a route, as each would for themselves.
      const member: Viewer = { id: 'x', clearance: 'network', orgs: [DEMO.nordmark.organisation] };
      const asked = await server.demo.engine.whoSolved(Q, { mode: 'lexical', limit: 5 }, member);
      for (const h of asked.hits.filter((x) => x.kind === 'Person')) {
        await setContactRoute(
          server.demo.store,
          { route: 'chat', platform: 'matrix', handle: `@${h.id.split(':').pop()}:police.example` },
          { viewer: SYSTEM, person: h.id },
        );
      }
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function search(page: Page): Promise<Answer> {
      const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/who-solved');
      await page.getByLabel('Need', { exact: true }).fill(Q);
      await page.getByLabel('Need', { exact: true }).press('Enter');
      return (await (await asked).json()) as Answer;
    }

    it('a member sees experts’ routes and the restricted match, told by its kind and owner only', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.base}#token=${server.tokens.nordmark}`);
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      await page.getByRole('link', { name: 'Who solved it?' }).click();
      const answer = await search(page);
      expect(answer.restricted?.length).toBe(1);
      const item = page.locator('[data-restricted]');
      await item.waitFor();
      expect(await item.textContent()).toContain('a restricted result of a lea organisation in France');
      const people = answer.hits.filter((h) => h.kind === 'Person');
      expect(people.length).toBeGreaterThan(0);
      for (const h of people) {
        await expect
          .poll(() => page.locator(`[data-hit="${h.id}"] .contact`).textContent())
          .toContain(`@${h.id.split(':').pop()}:police.example`);
      }
      const text = (await page.content()).toString();
      expect(text).not.toContain(TITLE);
      expect(text).not.toContain(WORK);
      // "Request access" asks for an introduction to the owner through the handle. The demo has no
      // INC for France or Germany, so the API refuses it: the page says so in the API's words.
      await item.getByRole('button', { name: /^Request access/u }).click();
      const form = item.getByRole('form', { name: /^Request access/u });
      await form.getByLabel(/^Message for the INC/u).fill('We trial jammers too; may we compare results?');
      await form.getByRole('button', { name: 'Send the request' }).click();
      const refused = form.getByRole('alert');
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/Not done\. target: no INC of .* to broker this introduction/u);
      expect(await refused.textContent()).toContain('ERR_INTRODUCTION_NO_INC');
      expect(await page.content()).not.toContain(WORK);
      await page.close();
    });

    it('a guest sees no route and no restricted match', async () => {
      const page = await browser.newPage();
      const link = withGrant(
        `${server.base}#/search?${new URLSearchParams({ text: Q }).toString()}`,
        issueGrant(GRANT_KEY, { id: 'audience:slack:public', clearance: 'public', orgs: [] }),
      );
      await page.goto(link);
      await page.locator('[data-hit]').first().waitFor();
      // Give the contact look-ups time to come back (404 for a guest) before reading the page.
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.contact').count()).toBe(0);
      expect(await page.locator('[data-restricted]').count()).toBe(0);
      expect(await page.content()).not.toContain('police.example');
      // Introductions are for vetted members with a person: a guest is offered none.
      expect(await page.getByRole('button', { name: /^(Introduce me|Request access)/u }).count()).toBe(0);
      await page.close();
    });
  });
}
