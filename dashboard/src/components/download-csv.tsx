/** A "Download CSV" button for figures that are not a chart (search answers). */
import { type DataTable, downloadCsv } from '../lib/export.js';

export function DownloadCsv({ table, label = 'Download CSV' }: { table: DataTable; label?: string }) {
  return (
    <button type="button" className="secondary no-print" onClick={() => downloadCsv(table)}>
      {label}
    </button>
  );
}
