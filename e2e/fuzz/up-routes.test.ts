import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from '../support/eksid.js';
import type { EksidProcess } from '../support/eksid.js';
import { awsErrorCode } from './support/aws-shape.js';
import { FUZZ_TIMEOUT_MS, extraHeaders, fuzzRuns, headerValue, hostileJson, method, queryString, segment } from './support/fuzz.js';
import { describeReply, send } from './support/raw-http.js';
import type { RawRequest } from './support/raw-http.js';

// Every route of every protocol `eksid up` serves, fed random and mutated requests on loopback:
// never a 5xx, every refusal in its protocol's AWS shape, and the server still healthy after.
let eksid: EksidProcess;
let oidcId: string;

beforeAll(async () => {
  eksid = await startEksid({ config: 'examples/demo.yaml' });
  const described = (await (await fetch(`${eksid.url}/clusters/demo`)).json()) as { cluster: { identity: { oidc: { issuer: string } } } };
  oidcId = described.cluster.identity.oidc.issuer.split('/').pop() as string;
  // An installed add-on, so that UpdateAddon and the update routes reach past their 404.
  await fetch(`${eksid.url}/clusters/demo/addons`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"addonName":"eks-pod-identity-agent"}' });
});
afterAll(async () => eksid?.stop());

afterEach(async () => {
  expect(() => process.kill(eksid.pid, 0), 'eksid up is still running').not.toThrow();
  expect((await send(eksid.url, { method: 'GET', path: '/_eksid/health' }, { ownConnection: true })).status).toBe(200);
});

/** Sends the request; fails the property on a 5xx, or on a refusal not in the AWS shape. */
async function answersWithin4xx(req: RawRequest, options: { awsShape: boolean } = { awsShape: true }): Promise<void> {
  const reply = await send(eksid.url, req);
  const what = describeReply(req, reply);
  expect(reply.status, what).toBeLessThan(500);
  if (options.awsShape && reply.status >= 400 && req.method !== 'HEAD') expect(awsErrorCode(reply), what).toBeDefined();
}

const STS_ACTIONS = ['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetCallerIdentity', 'GetSessionToken', 'GetAccessKeyInfo', 'DecodeAuthorizationMessage'];
const IAM_ACTIONS = [
  'AddClientIDToOpenIDConnectProvider', 'AttachRolePolicy', 'CreateOpenIDConnectProvider', 'CreatePolicy', 'CreateRole', 'DeleteOpenIDConnectProvider',
  'DeletePolicy', 'DeleteRole', 'DeleteRolePolicy', 'DetachRolePolicy', 'GetOpenIDConnectProvider', 'GetPolicy', 'GetPolicyVersion', 'GetRole',
  'GetRolePolicy', 'ListAttachedRolePolicies', 'ListOpenIDConnectProviderTags', 'ListOpenIDConnectProviders', 'ListPolicies', 'ListRolePolicies',
  'ListRoleTags', 'ListRoles', 'PutRolePolicy', 'RemoveClientIDFromOpenIDConnectProvider', 'TagOpenIDConnectProvider', 'TagRole',
  'UntagOpenIDConnectProvider', 'UntagRole', 'UpdateAssumeRolePolicy', 'UpdateOpenIDConnectProviderThumbprint', 'UpdateRole', 'UpdateRoleDescription',
  'SimulateCustomPolicy', 'SimulatePrincipalPolicy', 'AddRoleToInstanceProfile', 'CreateInstanceProfile', 'DeleteInstanceProfile',
  'GetInstanceProfile', 'ListInstanceProfiles', 'ListInstanceProfilesForRole', 'RemoveRoleFromInstanceProfile', 'PutRolePermissionsBoundary',
  'DeleteRolePermissionsBoundary',
  'TagPolicy', 'UntagPolicy', 'ListPolicyTags', 'ListEntitiesForPolicy', 'GetAccountAuthorizationDetails',
];
const PARAMS = [
  'RoleArn', 'RoleSessionName', 'WebIdentityToken', 'DurationSeconds', 'Policy', 'ProviderId', 'PolicyArns.member.1.arn', 'Tags.member.1.Key',
  'Tags.member.1.Value', 'TransitiveTagKeys.member.1', 'RoleName', 'AssumeRolePolicyDocument', 'PolicyDocument', 'PolicyName', 'PolicyArn', 'Path',
  'PathPrefix', 'Description', 'MaxSessionDuration', 'PermissionsBoundary', 'Url', 'ClientIDList.member.1', 'ThumbprintList.member.1', 'ClientID',
  'OpenIDConnectProviderArn', 'TagKeys.member.1', 'Marker', 'MaxItems', 'VersionId', 'Scope', 'OnlyAttached', 'PolicyUsageFilter', 'Version',
  'PolicySourceArn', 'PolicyInputList.member.1', 'PermissionsBoundaryPolicyInputList.member.1', 'ActionNames.member.1', 'ResourceArns.member.1',
  'ContextEntries.member.1.ContextKeyName', 'ContextEntries.member.1.ContextKeyValues.member.1', 'ContextEntries.member.1.ContextKeyType',
  'InstanceProfileName',
  'EntityFilter', 'Filter.member.1', 'AccessKeyId', 'EncodedMessage', 'SerialNumber', 'TokenCode',
];

/** A parameter value: plausible names and ARNs, numbers at and past their bounds, JSON documents, junk. */
const paramValue = fc.oneof(
  fc.constantFrom('demo-app', 'demo-pod-identity', 'arn:aws:iam::000000000000:role/demo-app', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 's', '/', ''),
  fc.constantFrom('0', '-1', '900', '43200', '43201', '1e400', 'NaN', '9007199254740993', 'true', '2011-06-15', '2010-05-08'),
  fc.string({ maxLength: 40 }),
  hostileJson,
  fc.integer({ min: 0, max: 30_000 }).map((n) => 'a'.repeat(n)),
);
const paramKey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
const queryParams = fc.tuple(
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...STS_ACTIONS, ...IAM_ACTIONS) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }),
  fc.dictionary(paramKey, paramValue, { maxKeys: 6 }),
).map(([Action, params]) => new URLSearchParams({ ...params, Action }).toString());

/** How a client may label a form body: AWS compares media types case-insensitively and allows parameters. */
const formType = fc.constantFrom(
  'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'APPLICATION/X-WWW-FORM-URLENCODED',
  'Application/X-Www-Form-Urlencoded ; Charset=UTF-8', 'text/plain', 'application/json', 'multipart/form-data; boundary=x', '',
);
const awsHeaders = fc.record({
  accept: fc.constantFrom('application/json', 'APPLICATION/JSON', 'text/xml', '*/*'),
  authorization: fc.constantFrom(
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00',
    'AWS4-HMAC-SHA256 Credential=ASIA/x/y/iam/aws4_request, SignedHeaders=, Signature=',
    'AWS4-HMAC-SHA256 Credential=', 'Bearer x', 'AWS4-HMAC-SHA256',
  ),
  'x-amz-date': fc.constantFrom('20260301T120000Z', 'garbage', ''),
  'x-amz-security-token': fc.string({ maxLength: 30 }),
}, { requiredKeys: [] });

describe('eksid up under random requests', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('answers awsQuery (STS and IAM) with random and mutated parameters below 500, in the awsQuery shape', async () => {
    await fc.assert(
      fc.asyncProperty(queryParams, formType, awsHeaders, extraHeaders, fc.boolean(), async (form, contentType, aws, extra, asGet) => {
        const headers: Record<string, string> = { ...extra, ...aws };
        if (contentType !== '') headers['content-type'] = contentType;
        // Past node's 16 KB request-head limit a GET is refused by the parser, not by eksid.
        const req: RawRequest = asGet && form.length < 8000 ? { method: 'GET', path: `/?${form}`, headers } : { method: 'POST', path: '/', headers, body: form };
        await answersWithin4xx(req);
      }),
      fuzzRuns(400),
    );
  });

  const clusterName = fc.oneof(fc.constant('demo'), segment);
  const restPath = fc.oneof(
    fc.constant('/clusters'),
    clusterName.map((c) => `/clusters/${c}`),
    clusterName.map((c) => `/clusters/${c}/pod-identity-associations`),
    fc.tuple(clusterName, segment).map(([c, id]) => `/clusters/${c}/pod-identity-associations/${id}`),
    clusterName.map((c) => `/clusters/${c}/assume-role-for-pod-identity`),
    clusterName.map((c) => `/clusters/${c}/addons`),
    fc.tuple(clusterName, segment).map(([c, name]) => `/clusters/${c}/addons/${name}`),
    fc.tuple(clusterName, fc.oneof(fc.constant('eks-pod-identity-agent'), segment)).map(([c, name]) => `/clusters/${c}/addons/${name}/update`),
    clusterName.map((c) => `/clusters/${c}/updates`),
    fc.tuple(clusterName, segment).map(([c, id]) => `/clusters/${c}/updates/${id}`),
    fc.constant('/addons/supported-versions'),
    fc.tuple(fc.constantFrom('cluster', 'podidentityassociation', 'addon', 'nodegroup'), segment, segment).map(([type, a, b]) => `/tags/arn%3Aaws%3Aeks%3Aus-east-1%3A000000000000%3A${type}%2F${a}%2F${b}`),
    segment.map((s) => `/tags/${s}`),
  );
  /** A valid CreateCluster / association body with one field replaced by a hostile value. */
  const restBody = fc.oneof(
    hostileJson,
    fc.tuple(fc.constantFrom('name', 'roleArn', 'resourcesVpcConfig', 'tags', 'version', 'clientRequestToken', 'namespace', 'serviceAccount', 'token', 'nextToken', 'maxResults', 'addonName', 'addonVersion', 'resolveConflicts',
      'serviceAccountRoleArn', 'configurationValues', 'podIdentityAssociations'), hostileJson).map(([field, value]) => {
      const base: Record<string, string> = {
        name: '"fuzz"', roleArn: '"arn:aws:iam::000000000000:role/demo-app"', resourcesVpcConfig: '{}', namespace: '"default"', serviceAccount: '"app"',
      };
      base[field] = value;
      return `{${Object.entries(base).map(([k, v]) => `"${k}":${v}`).join(',')}}`;
    }),
  );

  it('answers the EKS and EKS Auth rest-json routes with random bodies, paths, methods and headers below 500, in the rest-json shape', async () => {
    await fc.assert(
      fc.asyncProperty(method, restPath, queryString, restBody, fc.constantFrom('application/json', 'APPLICATION/JSON; charset=utf-8', 'text/plain', ''), extraHeaders, async (verb, path, query, body, contentType, extra) => {
        const headers: Record<string, string> = { ...extra };
        if (contentType !== '') headers['content-type'] = contentType;
        const withBody = verb !== 'GET' && verb !== 'HEAD';
        await answersWithin4xx({ method: verb, path: path + query, headers, ...(withBody ? { body } : {}) });
      }),
      fuzzRuns(400),
    );
  });

  it('answers the OIDC issuer, /_eksid routes, the dashboard and stray paths below 500', async () => {
    const prefix = fc.constantFrom(
      '', '/id', `/id/${'0'.repeat(32)}`, '/id/OIDC', '/_eksid', '/_eksid/health', '/_eksid/token', '/_eksid/keys', '/_eksid/keys/demo', '/_eksid/apply',
      '/_eksid/events', '/_eksid/explain', '/_eksid/clusters/demo/service-accounts/default', '/_eksid/events/stream', '/dashboard', '/metrics', '/_EKSID/Events',
    );
    const issuerPath = fc.constantFrom('/.well-known/openid-configuration', '/keys', '');
    const path = fc.oneof(
      fc.tuple(prefix, fc.array(segment, { maxLength: 3 })).map(([p, segs]) => [p, ...segs].join('/') || '/'),
      issuerPath.map((p) => `/id/${oidcId}${p}`),
      fc.constantFrom('//', '/%', '/..', '/?', '/#', '/_eksid/%E0%A4%A', '/id/%00/keys'),
    );
    await fc.assert(
      fc.asyncProperty(method, path, queryString, fc.option(hostileJson, { nil: undefined }), extraHeaders, async (verb, p, query, body, extra) => {
        const withBody = body !== undefined && verb !== 'GET' && verb !== 'HEAD';
        const headers = withBody ? { ...extra, 'content-type': 'application/json' } : extra;
        // The dashboard and OIDC documents are not AWS APIs: only their status is checked.
        await answersWithin4xx({ method: verb, path: p + query, headers, ...(withBody ? { body } : {}) }, { awsShape: false });
      }),
      fuzzRuns(400),
    );
  });

  it('answers any Host header below 500', async () => {
    const host = fc.oneof(fc.constantFrom('127.0.0.1', 'localhost', '[::1]', 'rebind.attacker.example', '', 'a:b:c', '127.0.0.1:0'), headerValue);
    const path = fc.constantFrom('/', '/?Action=GetCallerIdentity', '/clusters', '/_eksid/health', `/id/${'0'.repeat(32)}/keys`, '/dashboard/state');
    await fc.assert(
      fc.asyncProperty(host, path, async (h, p) => answersWithin4xx({ method: 'GET', path: p, headers: { host: h } }, { awsShape: false })),
      fuzzRuns(100),
    );
  });
});
