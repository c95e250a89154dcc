import { newAccessKeyId, newSecretAccessKey, systemRandom } from '@eksid/core';
import type { KeyPair, Store } from '@eksid/core';
import { StartError } from './start-error.js';

// IAM's AccessKeyId: 16 to 128 word characters (API_AccessKey); never a '/', which would break the credential scope.
const ACCESS_KEY_ID = /^\w{16,128}$/;

/** The root key pair given to `up` (both halves or neither), checked; undefined when none was. */
export function givenRootKey(accessKeyId: string | undefined, secretAccessKey: string | undefined): KeyPair | undefined {
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new StartError('the root access key id and secret access key go together: give both (--root-access-key-id and --root-secret-access-key, or EKSID_ROOT_ACCESS_KEY_ID and EKSID_ROOT_SECRET_ACCESS_KEY) or neither', 'usage');
  }
  if (!ACCESS_KEY_ID.test(accessKeyId)) throw new StartError(`invalid root access key id '${accessKeyId}': expected 16 to 128 letters, digits or underscores`, 'usage');
  if (secretAccessKey === '') throw new StartError('the root secret access key is empty', 'usage');
  return { accessKeyId, secretAccessKey };
}

/**
 * The key pair created with the data the first time (an AKIA id for the account and a
 * 40-character secret, as AWS's long-term keys look), so it survives restarts on one data
 * directory and two first starts agree on it (instance secrets keep the first value written).
 */
export function storedRootKey(store: Store, accountId: string): KeyPair {
  return {
    accessKeyId: store.instanceSecrets.getOrCreate('root-access-key-id', () => newAccessKeyId(accountId, systemRandom, 'AKIA')),
    secretAccessKey: store.instanceSecrets.getOrCreate('root-secret-access-key', () => newSecretAccessKey(systemRandom)),
  };
}
