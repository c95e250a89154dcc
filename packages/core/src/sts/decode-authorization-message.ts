import { InvalidAuthorizationMessageError, MissingAuthenticationTokenError } from './errors.js';
import type { StsContext, StsRequest } from './types.js';

/**
 * eksid encodes no authorization messages (its denials say everything in plain text), so no
 * message can be decoded. AWS's wording for this error was not found; this follows the model's
 * description of InvalidAuthorizationMessageException.
 */
export const INVALID_AUTHORIZATION_MESSAGE = 'The message passed to DecodeAuthorizationMessage was invalid.';

export function decodeAuthorizationMessage(_ctx: StsContext, request: StsRequest, _input: { EncodedMessage: string }): never {
  if (request.caller.kind === 'anonymous') throw new MissingAuthenticationTokenError();
  throw new InvalidAuthorizationMessageError(INVALID_AUTHORIZATION_MESSAGE);
}
