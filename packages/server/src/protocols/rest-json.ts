import { AwsError, InternalFailureError } from '@eksid/core';
import type { Request, RequestHandler, Response } from 'express';
import type { ServerContext } from '../context.js';
import { requestIdOf } from './request-id.js';

/**
 * rest-json errors (EKS, EKS Auth): status from the error, body {"message": …}, and the
 * code in x-amzn-ErrorType, which botocore and the JS SDK read first (botocore parsers.py
 * RestJSONParser._do_error_parse).
 */
export function sendRestJsonError(ctx: ServerContext, res: Response, err: unknown): void {
  const error = err instanceof AwsError ? err : logUnexpected(ctx, err);
  requestIdOf(ctx, res);
  res
    .status(error.status)
    .setHeader('x-amzn-ErrorType', error.code)
    .type('application/json')
    .send(JSON.stringify({ message: error.message }));
}

export function sendRestJson(ctx: ServerContext, res: Response, status: number, body: unknown): void {
  requestIdOf(ctx, res);
  res.status(status).type('application/json').send(JSON.stringify(body));
}

function logUnexpected(ctx: ServerContext, err: unknown): AwsError {
  ctx.log.error({ err }, 'unexpected error');
  return new InternalFailureError();
}

/**
 * A rest-json request body as `unknown`: undefined when empty. Bodies that are not JSON get
 * 400 SerializationException, the code AWS's JSON protocols use for unreadable input.
 */
export function jsonBody(req: Request): unknown {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON', 400);
  }
}

/** Runs an action and answers 200 with its result, or the rest-json error it threw. */
export function restJson(ctx: ServerContext, action: (req: Request, res: Response) => unknown): RequestHandler {
  return async (req, res) => {
    try {
      sendRestJson(ctx, res, 200, await action(req, res));
    } catch (err) {
      sendRestJsonError(ctx, res, err);
    }
  };
}
