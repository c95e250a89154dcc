import {
  AwsError,
  ExpiredSessionTokenError,
  IncompleteSignatureError,
  InvalidClientTokenIdError,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  SignatureDoesNotMatchError,
  UnknownSessionError,
  UnrecognizedClientException,
} from '@eksid/core';
import type { Caller, SessionRecord } from '@eksid/core';
import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../context.js';
import { UNKNOWN_SESSION_HINT } from './aws-query.js';
import { callerOf } from './signed-request.js';

/**
 * Who signed a rest-json call (EKS, EKS Auth: every operation needs SigV4, none is noAuth in
 * their models), with the refusals worded as those services word them. `rawUrl` is the path
 * and query as the client sent them (express's originalUrl under a mounted router).
 * Unsigned calls pass as anonymous in lenient mode, as the EKS routes always allowed.
 */
export async function identifyRestJsonCaller(
  ctx: ServerContext,
  req: IncomingMessage,
  rawUrl: string,
  body: Buffer,
  signingName: string,
): Promise<Caller<SessionRecord>> {
  let caller: Caller<SessionRecord>;
  try {
    caller = await callerOf(ctx, req, new URL(rawUrl, 'http://x'), body, { service: signingName, regions: [ctx.config.region] });
  } catch (err) {
    throw restJsonRefusal(ctx, err);
  }
  if (caller.kind === 'anonymous' && ctx.signatureMode === 'strict') throw new MissingAuthenticationTokenException();
  return caller;
}

function restJsonRefusal(ctx: ServerContext, err: unknown): unknown {
  if (err instanceof UnknownSessionError) ctx.log.warn({ accessKeyId: err.accessKeyId }, UNKNOWN_SESSION_HINT);
  if (err instanceof InvalidClientTokenIdError) return new UnrecognizedClientException();
  if (err instanceof SignatureDoesNotMatchError) return new InvalidSignatureException(err.message);
  if (err instanceof ExpiredSessionTokenError) return new AwsError('ExpiredTokenException', err.message, 403);
  if (err instanceof IncompleteSignatureError) return new AwsError('IncompleteSignatureException', err.message, 400);
  return err;
}
