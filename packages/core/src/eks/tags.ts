import type { AwsError } from '../errors.js';

/*
 * The `aws:` prefix is reserved: "Do not use aws:, AWS:, or any upper or lowercase combination
 * of such as a prefix … as it is reserved for Amazon Web Services use" (service-2.json TagMap).
 * No recorded EKS answer was found; the wording is EC2's for the same rule (inf). Create calls
 * answer it with InvalidParameterException, TagResource with BadRequestException, the error
 * shapes each operation lists.
 */
export const RESERVED_TAG_KEY = "Tag keys starting with 'aws:' are reserved for internal use";

export function hasReservedTagKey(tags: Readonly<Record<string, string>>): boolean {
  return Object.keys(tags).some((key) => key.toLowerCase().startsWith('aws:'));
}

/** Throws `error(RESERVED_TAG_KEY)` when a key starts with `aws:` in any case. */
export function checkReservedTagKeys(tags: Readonly<Record<string, string>> | undefined, error: new (message: string) => AwsError): void {
  if (tags && hasReservedTagKey(tags)) throw new error(RESERVED_TAG_KEY);
}
