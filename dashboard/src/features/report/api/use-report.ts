/** GET /api/report: the policy brief in Markdown, for the viewer. */
import { apiGetText } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/use-api.js';

export const useReport = () =>
  useApi<string>('/api/report', undefined, (path, _params, signal) => apiGetText(path, 'text/markdown', signal));
