import { AwsError } from '@eksid/core';
import type { Request, RequestHandler, Response } from 'express';
import type { ServerContext } from '../context.js';
import { sendRestJson, sendRestJsonError } from '../protocols/rest-json.js';

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
