import { AwsError, InternalFailureError, MAX_JSON_DEPTH, jsonNestsDeeperThan } from '@eksid/core';
import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { ServerContext } from '../context.js';
import { expressBody } from './fast-routes.js';
import { requestIdOf } from './request-id.js';
import { sendText } from './send.js';

/**
 * rest-json errors (EKS, EKS Auth): status from the error, body {"message": …}, and the
 * code in x-amzn-ErrorType, which botocore and the JS SDK read first (botocore parsers.py
 * RestJSONParser._do_error_parse).
 */
export function sendRestJsonError(ctx: ServerContext, res: ServerResponse, err: unknown): void {
  const error = err instanceof AwsError ? err : logUnexpected(ctx, err);
  requestIdOf(ctx, res);
  sendText(res, error.status, 'application/json', JSON.stringify({ message: error.message }), error.code);
}

function logUnexpected(ctx: ServerContext, err: unknown): AwsError {
  ctx.log.error({ err }, 'unexpected error');
  return new InternalFailureError();
}

/**
 * A rest-json request body as `unknown`: undefined when empty. Bodies that are not JSON, or
 * nest past MAX_JSON_DEPTH, get 400 SerializationException, the code AWS's JSON protocols use
 * for unreadable input.
 */
export function parseJsonBody(body: Buffer): unknown {
  const raw = body.toString('utf8');
  if (raw.trim() === '') return undefined;
  if (jsonNestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw new AwsError('SerializationException', `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`, 400);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON', 400);
  }
}

/** parseJsonBody of the body express read. */
export function jsonBody(req: Request): unknown {
  return parseJsonBody(expressBody(req));
}

/** Runs an action and answers 200 with its result as JSON, or the rest-json error it threw. */
export async function answerRestJson(ctx: ServerContext, res: ServerResponse, action: () => unknown): Promise<void> {
  try {
    const result = await action();
    requestIdOf(ctx, res);
    sendText(res, 200, 'application/json', JSON.stringify(result));
  } catch (err) {
    sendRestJsonError(ctx, res, err);
  }
}

/** answerRestJson as an express route. */
export function restJson(ctx: ServerContext, action: (req: Request, res: Response) => unknown): RequestHandler {
  return (req, res) => answerRestJson(ctx, res, () => action(req, res));
}
