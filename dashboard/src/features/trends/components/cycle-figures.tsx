/**
 * The network's own cycle under the page's country and topic filters: how many needs were raised
 * and addressed, how long addressing took, and the share addressed per topic (the API's
 * `cycle`, not bounded by the period).
 */
import { Stat } from '../../../components/states.js';
import { TableBox } from '../../../components/table-box.js';
import { fmtInt, fmtNum, fmtPercent } from '../../../lib/format.js';
import type { TrendsAnswer } from '../../../lib/types.js';

/** Topics in the table: the most raised ones. */
const TOPICS_SHOWN = 8;

export function CycleFigures({ cycle }: { cycle: TrendsAnswer['cycle'] }) {
  const days = cycle.daysToAddressed.median;
  return (
    <section className="panel" aria-labelledby="cycle-title" data-cycle="">
      <h2 id="cycle-title">From raised to addressed</h2>
      <div className="stats">
        <Stat label="Challenges raised" value={fmtInt(cycle.challenges)} />
        <Stat label="Addressed" value={fmtInt(cycle.addressed)} />
        <Stat label="Median days to addressed" value={days === null ? '—' : fmtNum(days)} />
      </div>
      {cycle.byTopic.length === 0 ? null : (
        <TableBox label="Addressed per topic">
          <table className="data" data-table="cycle-topics">
            <caption>Share of challenges addressed per topic (duplicates count through their survivor)</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col" className="num">
                  Challenges
                </th>
                <th scope="col" className="num">
                  Addressed
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {cycle.byTopic.slice(0, TOPICS_SHOWN).map((t) => (
                <tr key={t.key} data-key={t.key}>
                  <th scope="row">{t.label}</th>
                  <td className="num">{fmtInt(t.challenges)}</td>
                  <td className="num">{fmtInt(t.addressed)}</td>
                  <td className="num">{fmtPercent(t.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}
