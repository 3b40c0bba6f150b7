import compression from 'compression';
import type { RequestHandler } from 'express';
import { DEV_TOKEN_PATH } from '../../shared/api/dev-token';

/**
 * Compresses the service's own answers (JSON, problem+json, CSV, the OpenAPI document) for
 * clients that accept it: brotli or gzip, from 1 KB up. What is not compressed, and why:
 *   - the task pane's files: built precompressed (taskpane-static.ts sends the .br / .gz as is);
 *   - workbooks (.xlsx is already a zip; `compression` skips types that do not compress);
 *   - an answer that carries a credential (a development token): compressing a secret beside
 *     attacker-chosen text is how BREACH reads secrets; it is small anyway.
 * Level 6 for gzip and brotli quality 4 (its default here): compression per request must cost less than the
 * bytes it saves on a 2-core service.
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: 1024,
    level: 6,
    filter: (req, res) => req.path !== DEV_TOKEN_PATH && compression.filter(req, res),
  });
}
