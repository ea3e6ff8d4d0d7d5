/**
 * The built dashboard (dashboard/, `npm run build` → dist/dashboard) as static files from `/`.
 * Hashed assets are cached for a year, the page itself is revalidated on every load so a new
 * build shows at once. Files go brotli- or gzip-compressed (the chart chunk is ~400 KB raw,
 * ~110 KB compressed). Without a build, `/` says how to make one instead of a bare 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';

/** Scripts and styles only from the server itself; recharts sets inline style attributes. */
const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

async function dashboard(app: FastifyInstance, o: { dashboardDir?: string }): Promise<void> {
  const dir = o.dashboardDir;
  if (dir === undefined) return;
  if (!existsSync(join(dir, 'index.html'))) {
    app.log.warn('the dashboard is not built (run `npm run build`); serving the API only');
    app.get('/', { schema: { hide: true } }, async () => {
      throw new ApiError('ERR_DASHBOARD_MISSING', 'the dashboard is not built: run `npm run build`, then restart');
    });
    return;
  }
  // Its own scope: compression applies to these files only, never to the API's answers.
  await app.register(async (files) => {
    await files.register(fastifyCompress, {
      encodings: ['br', 'gzip'],
      // Quality 5 compresses the chart chunk in a few ms with most of quality 11's gain; the
      // default (11) costs ~1 s of CPU per uncached download.
      brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
    });
    await files.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      // One route per built file, found at start: no file-system lookups for other paths.
      wildcard: false,
      index: 'index.html',
      setHeaders(reply, path) {
        if (path.endsWith('.html')) reply.header('Content-Security-Policy', DASHBOARD_CSP);
        reply.header(
          'Cache-Control',
          path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  });
}

export default fp(dashboard, { name: 'dashboard' });
