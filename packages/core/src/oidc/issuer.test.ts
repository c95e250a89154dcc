import { describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { DISCOVERY_PATH, JWKS_PATH, OIDC_CACHE_CONTROL, discoveryDocument, issuerHostPath, issuerUrl } from './index.js';

const OIDC_ID = 'A8E7A39CAEBEF6AA9250DFA9366FDFA2';

describe('issuerUrl', () => {
  it('should put the OIDC id under /id/ of the public URL, like EKS', () => {
    expect(issuerUrl(coreConfig({ publicUrl: 'http://127.0.0.1:4599/' }), OIDC_ID)).toBe(`http://127.0.0.1:4599/id/${OIDC_ID}`);
  });
});

describe('issuerHostPath', () => {
  it.each([
    [`https://oidc.eks.eu-west-1.amazonaws.com/id/${OIDC_ID}`, `oidc.eks.eu-west-1.amazonaws.com/id/${OIDC_ID}`],
    ['http://127.0.0.1:4599/id/X/', '127.0.0.1:4599/id/X'],
    ['HTTPS://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
  ])('should turn %s into %s', (url, expected) => {
    expect(issuerHostPath(url)).toBe(expected);
  });
});

describe('discoveryDocument', () => {
  it('should serve exactly the fields EKS serves', () => {
    const issuer = `https://oidc.eks.us-west-2.amazonaws.com/id/${OIDC_ID}`;
    expect(discoveryDocument(issuer)).toStrictEqual({
      issuer,
      jwks_uri: `${issuer}/keys`,
      authorization_endpoint: 'urn:kubernetes:programmatic_authorization',
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'iss'],
    });
  });

  it('should expose the paths and headers kube-apiserver uses', () => {
    expect([DISCOVERY_PATH, JWKS_PATH, OIDC_CACHE_CONTROL]).toEqual(['/.well-known/openid-configuration', '/keys', 'public, max-age=3600']);
  });
});
