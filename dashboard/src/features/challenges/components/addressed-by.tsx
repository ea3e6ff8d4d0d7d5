/**
 * What answers a need, chosen for "addressed": results, projects and documents found by the
 * same search as "Who solved it?" (the need's title to start with), each a checkbox.
 */
import { useId, useState } from 'react';
import { Empty, ErrorNote, Loading } from '../../../components/states.js';
import type { Answer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

const WORKS = ['Result', 'Project', 'Document'];

export function AddressedBy({
  need,
  chosen,
  onChange,
}: {
  need: string;
  chosen: readonly string[];
  onChange: (ids: readonly string[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState(need);
  const [asked, setAsked] = useState(need);
  const found = useApi<Answer>('/api/who-solved', { text: asked, kinds: WORKS, limit: 8 });
  const toggle = (work: string) =>
    onChange(chosen.includes(work) ? chosen.filter((c) => c !== work) : [...chosen, work]);
  return (
    <fieldset className="addressed-by">
      <legend>Addressed by (results, projects or documents)</legend>
      <div className="search">
        <div className="field grow">
          <label htmlFor={`${id}-q`}>Find works</label>
          <input id={`${id}-q`} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="button" className="secondary" onClick={() => setAsked(text.trim() === '' ? need : text.trim())}>
          Find
        </button>
      </div>
      {found.status === 'error' ? <ErrorNote error={found.error} onRetry={found.reload} /> : null}
      {found.status === 'loading' ? <Loading what="matching works" /> : null}
      {'data' in found && found.data !== undefined ? (
        found.data.hits.length === 0 ? (
          <Empty>No result, project or document matches; try other words.</Empty>
        ) : (
          <ul className="choices">
            {found.data.hits.map((h) => (
              <li key={h.id}>
                <label className="choice">
                  <input type="checkbox" checked={chosen.includes(h.id)} onChange={() => toggle(h.id)} /> {h.label}{' '}
                  <span className="muted">
                    ({h.kind.toLowerCase()}
                    {h.trl === undefined ? '' : `, TRL ${h.trl}`})
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <p className="muted" role="status">
        {chosen.length === 0 ? 'Nothing chosen yet.' : `${chosen.length} chosen.`}
      </p>
    </fieldset>
  );
}
