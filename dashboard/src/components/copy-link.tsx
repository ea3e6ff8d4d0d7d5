/**
 * "Copy link": the page with its filters (they live in the link) to the clipboard. Where the
 * clipboard is refused (an insecure origin, a policy), the link is shown selected for copying by hand.
 */
import { useState } from 'react';

export function CopyLink() {
  const [done, setDone] = useState<'copied' | 'shown' | undefined>();
  const [link, setLink] = useState('');
  const copy = async () => {
    const href = window.location.href;
    setLink(href);
    try {
      await navigator.clipboard.writeText(href);
      setDone('copied');
    } catch {
      setDone('shown');
    }
  };
  return (
    <div className="copy-link no-print">
      <button type="button" className="secondary" onClick={copy}>
        Copy link
      </button>
      <span role="status" className="muted">
        {done === 'copied' ? 'Link copied, with these filters.' : null}
      </span>
      {done === 'shown' ? (
        <input
          aria-label="Link to this page with its filters"
          readOnly
          value={link}
          // biome-ignore lint/a11y/noAutofocus: shown on request, to be copied at once.
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
        />
      ) : null}
    </div>
  );
}
