import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { InstanceSecretRepo } from './instance-secrets.js';
import type { SessionContext, SessionFacts, SessionRecord } from './types.js';

/** The name of the key sessions are sealed with, kept with the data (instance_secrets). */
export const SESSION_SEAL_KEY = 'session-seal-key';

/*
 * Real STS session tokens are base64 of an undocumented binary blob that starts with the bytes
 * "!\n\torigin_ec" (hence the familiar 'IQoJb3JpZ2luX2Vj' prefix) and carries the session's
 * state, so any STS endpoint can check it without a lookup. Ours does the same: after that
 * header comes a format byte, a 12-byte nonce and the session's facts as JSON sealed with
 * AES-256-GCM, the access key id bound in as additional data. The secret access key is among
 * them: only this instance can read it back, and nothing needs storing (deriving it with an
 * HMAC instead would cost every seal and open a second keyed hash: docs/performance.md).
 * AWS does not fix the token's size ("The size of the security token that STS API operations
 * return is not fixed. We strongly recommend that you make no assumptions about the maximum
 * size.", API_AssumeRole, Credentials; older SDK docs add that it is typically under 4096
 * bytes). Facts past DEFLATE_FROM bytes (session policies, many tags) are deflated first.
 */
const HEADER = Buffer.from('!\n\torigin_ec', 'latin1'); // 12 bytes: base64 stays aligned
const PLAIN = 0x4a; // 'J'
const DEFLATED = 0x5a; // 'Z'
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const DEFLATE_FROM = 1024;
const PREFIX_BYTES = HEADER.length + 1 + NONCE_BYTES;

/** The sealed facts, short names: the token carries them on every signed call. */
interface Sealed {
  k: string; // secret access key
  e: number; // expiration, seconds since the epoch
  t: number; // createdAt, ms
  a: string;
  n: string; // arn
  u: string;
  r: string;
  s: string;
  c: SessionContext;
  o?: 1; // the root's own session (GetSessionToken)
}

/**
 * Issued sessions, kept in their tokens rather than in a table: a credential answered 200
 * stays valid across a crash (nothing was left to write) until it expires, and checking one
 * reads no database.
 *
 * The seal key is made once per data directory (instance_secrets): a store reset, or another
 * data directory, cannot open the tokens, and their keys fail as unknown, as they did when
 * sessions were rows.
 */
export class SessionSeal {
  private key: Buffer | undefined;

  constructor(private readonly secrets: InstanceSecretRepo) {}

  /** The session's record with its token; `nonce` is 12 random bytes, never reused. */
  seal(facts: SessionFacts, secretAccessKey: string, nonce: Buffer): SessionRecord {
    if (nonce.length !== NONCE_BYTES) throw new TypeError(`a session nonce is ${NONCE_BYTES} bytes, got ${nonce.length}`);
    const json = Buffer.from(JSON.stringify(toSealed(facts, secretAccessKey)));
    const format = json.length >= DEFLATE_FROM ? DEFLATED : PLAIN;
    const plain = format === DEFLATED ? deflateRawSync(json) : json;
    // The token is assembled in place, in one buffer (AES-GCM's ciphertext is as long as its plaintext).
    const raw = Buffer.allocUnsafe(PREFIX_BYTES + plain.length + TAG_BYTES);
    HEADER.copy(raw, 0);
    raw[HEADER.length] = format;
    nonce.copy(raw, HEADER.length + 1);
    const cipher = createCipheriv('aes-256-gcm', this.keyNow(), nonce);
    cipher.setAAD(additionalData(raw.subarray(0, PREFIX_BYTES), facts.accessKeyId));
    cipher.update(plain).copy(raw, PREFIX_BYTES);
    cipher.final(); // GCM holds nothing back: final() only computes the tag
    cipher.getAuthTag().copy(raw, PREFIX_BYTES + plain.length);
    return { ...facts, secretAccessKey, sessionToken: raw.toString('base64') };
  }

  /** The session `sessionToken` seals for `accessKeyId`; undefined for any other token. */
  open(accessKeyId: string, sessionToken: string): SessionRecord | undefined {
    const raw = Buffer.from(sessionToken, 'base64');
    if (raw.length < PREFIX_BYTES + TAG_BYTES || !raw.subarray(0, HEADER.length).equals(HEADER)) return undefined;
    const format = raw[HEADER.length];
    if (format !== PLAIN && format !== DEFLATED) return undefined;
    const prefix = raw.subarray(0, PREFIX_BYTES);
    const nonce = raw.subarray(HEADER.length + 1, PREFIX_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.keyNow(), nonce);
    decipher.setAAD(additionalData(prefix, accessKeyId));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    let body: Buffer;
    try {
      body = Buffer.concat([decipher.update(raw.subarray(PREFIX_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    } catch {
      return undefined; // not sealed for this key id, or not by this instance
    }
    return fromSealed(accessKeyId, sessionToken, JSON.parse((format === DEFLATED ? inflateRawSync(body) : body).toString('utf8')) as Sealed);
  }

  private keyNow(): Buffer {
    this.key ??= Buffer.from(this.secrets.getOrCreate(SESSION_SEAL_KEY, () => randomBytes(32).toString('base64')), 'base64');
    return this.key;
  }
}

function additionalData(prefix: Buffer, accessKeyId: string): Buffer {
  const aad = Buffer.allocUnsafe(prefix.length + Buffer.byteLength(accessKeyId));
  prefix.copy(aad, 0);
  aad.write(accessKeyId, prefix.length);
  return aad;
}

const toSealed = (f: SessionFacts, secretAccessKey: string): Sealed => ({
  k: secretAccessKey, e: f.expiration.getTime() / 1000, t: f.createdAt.getTime(), a: f.accountId, n: f.arn, u: f.userId, r: f.roleArn, s: f.sessionName, c: f.context, ...(f.root ? { o: 1 } : {}),
});

const fromSealed = (accessKeyId: string, sessionToken: string, s: Sealed): SessionRecord => ({
  accessKeyId, secretAccessKey: s.k, sessionToken, expiration: new Date(s.e * 1000), accountId: s.a, arn: s.n, userId: s.u, roleArn: s.r, sessionName: s.s, context: s.c, createdAt: new Date(s.t), ...(s.o === 1 ? { root: true } : {}),
});
