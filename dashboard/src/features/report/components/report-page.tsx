/**
 * The policy brief (GET /api/report, Markdown generated from the viewer's own figures) as a page
 * made for paper: the print stylesheet drops the navigation and controls, and "Print or save as
 * PDF" opens the browser's print dialog, whose "Save as PDF" makes the PDF.
 */
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CopyLink } from '../../../components/copy-link.js';
import { Figures } from '../../../components/states.js';
import { download } from '../../../lib/export.js';
import { usePageTitle } from '../../../lib/link-state.js';
import { useReport } from '../api/use-report.js';

export function ReportPage() {
  const report = useReport();
  usePageTitle('Policy brief', []);
  return (
    <section aria-labelledby="report-title" className="report">
      <h1 id="report-title" className="no-print">
        Policy brief
      </h1>
      <p className="lede no-print">
        Top gaps, trends and cross-border collaboration, with suggested actions, generated from the figures you may see.
        Print it, or choose “Save as PDF” in the print dialog.
      </p>
      <div className="page-tools no-print">
        <button type="button" onClick={() => window.print()} disabled={report.status !== 'ready'}>
          Print or save as PDF
        </button>
        <button
          type="button"
          className="secondary"
          disabled={report.status !== 'ready'}
          onClick={() =>
            report.status === 'ready' &&
            download('policy-brief.md', new Blob([report.data], { type: 'text/markdown;charset=utf-8' }))
          }
        >
          Download Markdown
        </button>
        <CopyLink />
      </div>
      <Figures state={report} what="the policy brief">
        {(markdown) => (
          // react-markdown builds React elements, never raw HTML: titles in the brief come from users.
          <article className="brief" data-report="policy-brief">
            <Markdown remarkPlugins={[remarkGfm]}>{markdown}</Markdown>
          </article>
        )}
      </Figures>
    </section>
  );
}
