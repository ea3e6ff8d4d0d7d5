/**
 * A Reply as a Matrix message: `body` in plain text for every client, `formatted_body` in the
 * HTML subset of the spec. Every piece of user or data text is escaped; the only markup is
 * ours. Buttons do not exist in Matrix: each action becomes the command to type.
 */
import { factLine, type Reply, toPlainText } from '../core/reply.js';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#39;');
}

/** Links only to http(s), escaped for an attribute. */
const href = (url: string) => (/^https?:\/\//iu.test(url) ? escapeHtml(url) : undefined);

export interface MatrixContent {
  readonly msgtype: 'm.notice';
  readonly body: string;
  readonly format: 'org.matrix.custom.html';
  readonly formatted_body: string;
}

export function renderHtml(r: Reply, prefix: string): MatrixContent {
  const h: string[] = [];
  if (r.title !== undefined) h.push(`<h4>${escapeHtml(r.title)}</h4>`);
  const text = escapeHtml(r.text).replace(/\n/gu, '<br>');
  h.push(r.tone === 'error' ? `<p><strong>⚠</strong> ${text}</p>` : `<p>${text}</p>`);
  for (const s of r.sections) {
    h.push(`<p><strong>${escapeHtml(s.title)}</strong></p>`, '<ol>');
    for (const item of s.items) {
      const link = item.url === undefined ? undefined : href(item.url);
      const title = link === undefined ? escapeHtml(item.title) : `<a href="${link}">${escapeHtml(item.title)}</a>`;
      const facts = factLine(item);
      const parts = [`<strong>${title}</strong>${facts === '' ? '' : ` <em>${escapeHtml(facts)}</em>`}`];
      if (item.why !== undefined) parts.push(escapeHtml(item.why));
      if (item.path !== undefined && item.path.length > 1)
        parts.push(`<small>path: ${item.path.map(escapeHtml).join(' → ')}</small>`);
      if (item.quote !== undefined) parts.push(`<em>“${escapeHtml(item.quote)}”</em>`);
      for (const a of item.actions ?? [])
        parts.push(`${escapeHtml(a.label)}: <code>${escapeHtml(`${prefix} ${a.command}`)}</code>`);
      h.push(`<li>${parts.join('<br>')}</li>`);
    }
    h.push('</ol>');
  }
  if (r.actions.length > 0) {
    h.push(
      `<ul>${r.actions.map((a) => `<li>${escapeHtml(a.label)}: <code>${escapeHtml(`${prefix} ${a.command}`)}</code></li>`).join('')}</ul>`,
    );
  }
  for (const l of r.links) {
    const link = href(l.url);
    h.push(
      link === undefined
        ? `<p>${escapeHtml(l.label)}: ${escapeHtml(l.url)}</p>`
        : `<p><a href="${link}">${escapeHtml(l.label)}</a></p>`,
    );
  }
  if (r.footer !== undefined) h.push(`<p><small>${escapeHtml(r.footer)}</small></p>`);
  return {
    msgtype: 'm.notice',
    body: toPlainText(r, prefix),
    format: 'org.matrix.custom.html',
    formatted_body: h.join(''),
  };
}
