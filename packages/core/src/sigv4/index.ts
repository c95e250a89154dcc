export { parseAuthorization } from './parse-authorization.js';
export { verifySignature } from './verify-signature.js';
export { identifyCaller } from './identify-caller.js';
export { IncompleteSignatureError, InvalidSignatureException, MissingAuthenticationTokenException, UnrecognizedClientException } from './errors.js';
export type { CredentialScope } from './credential-scope.js';
export type { SignedRequest, ParsedAuthorization, SigV4Claim, Unsigned } from './types.js';
export type { Caller, SessionSecrets, SessionLookup, IdentifyCallerDeps, IdentifyCallerOptions, KeyPair } from './identify-caller.js';
