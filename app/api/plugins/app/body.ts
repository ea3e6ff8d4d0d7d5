/**
 * Request bodies are JSON in UTF-8, sent as is. Fastify's own JSON parser reads any body as
 * UTF-8 whatever charset the header declares and ignores Content-Encoding, so a body declared
 * `charset=utf-16` or `Content-Encoding: gzip` would be parsed as something it is not; both are
 * refused with 415 (RFC 9110 §15.5.16) before a byte is parsed. Any other media type is a 415 too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';

/** The charset parameter of a Content-Type header, lower case; undefined when absent. */
function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/iu.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function refuseUnreadable(req: FastifyRequest): void {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    throw new ApiError('ERR_UNSUPPORTED_MEDIA_TYPE', 'send the body uncompressed: no Content-Encoding is accepted');
  }
  const charset = charsetOf(req.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError('ERR_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json in UTF-8');
  }
}

async function body(app: FastifyInstance): Promise<void> {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, text, done) => {
    try {
      refuseUnreadable(req);
    } catch (e) {
      done(e as Error, undefined);
      return;
    }
    parseJson(req, String(text), done);
  });
}

export default fp(body, { name: 'body' });
