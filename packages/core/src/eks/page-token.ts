import { InvalidParameterError } from './errors.js';

/*
 * Page tokens of the EKS List* calls eksid answers from one ordered list: a token names the
 * first item of the next page, under a prefix saying which list it belongs to, so a token of
 * one list given to another is refused rather than read as a position.
 */

export function pageToken(list: string, first: string): string {
  return Buffer.from(`eksid:${list}:${first}`).toString('base64url');
}

/** The item a token of `list` names; any other text is refused as EKS refuses a token it did not give. */
export function pageStart(list: string, token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const prefix = `eksid:${list}:`;
  if (!text.startsWith(prefix)) throw invalidNextToken();
  return text.slice(prefix.length);
}

/** What a list answers for a token it did not give, or whose item it cannot read (inf). */
export function invalidNextToken(): InvalidParameterError {
  return new InvalidParameterError('The nextToken provided is not valid');
}
