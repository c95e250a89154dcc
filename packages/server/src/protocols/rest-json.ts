import { AwsError, InternalFailureError } from '@eksid/core';
import type { Response } from 'express';
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
