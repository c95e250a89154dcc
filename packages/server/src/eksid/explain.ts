import { InvalidParameterError, decisionEventJson, explainDecision } from '@eksid/core';
import type { ExplainRequest } from '@eksid/core';
import type { ServerContext } from '../context.js';
import { bodyObject } from './fields.js';
import type { Body } from './fields.js';

const MEMBERS = ['role', 'token', 'cluster', 'namespace', 'serviceAccount'] as const;

/** The body of POST /_eksid/explain: {role?, token?, cluster?, namespace?, serviceAccount?}, all strings. */
export function parseExplainRequest(raw: unknown): ExplainRequest {
  const body: Body = bodyObject(raw);
  const request: ExplainRequest = {};
  for (const member of MEMBERS) {
    const value = body[member];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value === '' || value.length > 20_000) throw new InvalidParameterError(`'${member}' must be a non-empty string`);
    request[member] = value;
  }
  return request;
}

/**
 * `eksid explain`'s server side: the decision the real action makes, with its trace, without
 * credentials stored or the decision recorded (nothing was asked of AWS), and what to change
 * when it is denied (`hints`). id 0 marks it as such.
 */
export async function explain(ctx: ServerContext, raw: unknown): Promise<unknown> {
  const { hints, ...decision } = await explainDecision(ctx, parseExplainRequest(raw));
  return { explanation: decisionEventJson({ ...decision, id: 0 }, hints) };
}
