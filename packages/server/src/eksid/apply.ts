import { AwsError, applyDocument, parseApplyDocument } from '@eksid/core';
import type { ApplySummary } from '@eksid/core';
import type { Request } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody } from '../protocols/rest-json.js';

/**
 * POST /_eksid/apply: a config document as JSON (the server package has no YAML parser;
 * `eksid apply -f file.yaml` converts). Answers with what was created/updated/unchanged.
 */
export async function applyConfig(ctx: ServerContext, req: Request): Promise<ApplySummary> {
  let raw: unknown;
  try {
    raw = jsonBody(req);
  } catch {
    throw new AwsError('SerializationException', 'The apply body must be a JSON document; `eksid apply -f FILE` converts YAML', 400);
  }
  const summary = await applyDocument(ctx, parseApplyDocument(raw));
  ctx.log.info({ created: summary.created, updated: summary.updated, unchanged: summary.unchanged }, 'applied config');
  return summary;
}
