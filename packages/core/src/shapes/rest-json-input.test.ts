import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { eksAuthShapes, eksShapes } from './models/index.js';
import type { EksInputs } from './models/index.js';
import { parseRestJsonInput } from './rest-json-input.js';
import type { RestJsonRequest } from './rest-json-input.js';

class InvalidParameter extends AwsError {
  constructor(message: string) {
    super('InvalidParameterException', message, 400);
  }
}

function message(run: () => unknown, code = 'ValidationError'): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code, status: 400 });
    return (err as Error).message;
  }
}

const eks = (operation: keyof EksInputs, request: RestJsonRequest) => message(() => parseRestJsonInput(eksShapes, operation, request));
const VPC = { resourcesVpcConfig: {} };
const ROLE = 'arn:aws:iam::000000000000:role/r';

describe('parseRestJsonInput', () => {
  it('reads path labels by locationName, query members typed, the body by member name, and ignores the rest', () => {
    expect(parseRestJsonInput(eksShapes, 'ListPodIdentityAssociations', { path: { name: 'demo' }, query: { maxResults: '5', namespace: 'ns', other: 'x' } })).toEqual({
      clusterName: 'demo', maxResults: 5, namespace: 'ns',
    });
    expect(parseRestJsonInput(eksShapes, 'DeleteAddon', { path: { name: 'demo', addonName: 'a' }, query: { preserve: 'true' } })).toEqual({ clusterName: 'demo', addonName: 'a', preserve: true });
    expect(parseRestJsonInput(eksShapes, 'CreateCluster', { body: { name: 'c', roleArn: ROLE, ...VPC, tags: { a: 'b' }, logging: { clusterLogging: [{ types: ['api'], enabled: true }] }, unknown: 1 } })).toEqual({
      name: 'c', roleArn: ROLE, resourcesVpcConfig: {}, tags: { a: 'b' }, logging: { clusterLogging: [{ types: ['api'], enabled: true }] },
    });
  });

  it('reads a repeated query member as a list and a single one as a list of one', () => {
    expect(parseRestJsonInput(eksShapes, 'UntagResource', { path: { resourceArn: 'arn' }, query: { tagKeys: ['a', 'b'] } })).toEqual({ resourceArn: 'arn', tagKeys: ['a', 'b'] });
    expect(parseRestJsonInput(eksShapes, 'UntagResource', { path: { resourceArn: 'arn' }, query: { tagKeys: 'a' } })).toEqual({ resourceArn: 'arn', tagKeys: ['a'] });
  });

  it('throws the error class it is given', () => {
    expect(message(() => parseRestJsonInput(eksShapes, 'CreateAddon', { path: { name: 'demo' } }, InvalidParameter), 'InvalidParameterException')).toBe(
      "1 validation error detected: Value null at 'addonName' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([
    ['a body that is not an object', 'CreateCluster', { body: [1] }, 'The request body must be a JSON object'],
    ['every missing required member, null as absent, in model order', 'CreateCluster', { body: { name: null } },
      "3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value null at 'resourcesVpcConfig' failed to satisfy constraint: Member must not be null"],
    ['a wrong JSON type, once, shown bare', 'CreateCluster', { body: { name: 7, roleArn: ROLE, ...VPC } }, "1 validation error detected: Value 7 at 'name' failed to satisfy constraint: Member must be a string"],
    ['a length and a pattern of one member', 'CreateCluster', { body: { name: '', roleArn: ROLE, ...VPC } },
      "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*"],
    ['a nested enum in a list of structures', 'CreateCluster', { body: { name: 'c', roleArn: ROLE, ...VPC, logging: { clusterLogging: [{ types: ['api', 'nope'] }] } } },
      "1 validation error detected: Value '[api, nope]' at 'logging.clusterLogging.1.member.types' failed to satisfy constraint: Member must satisfy constraint: " +
      '[Member must satisfy enum value set: [api, audit, authenticator, controllerManager, scheduler]]'],
    ['a nested boolean of the wrong type', 'CreateCluster', { body: { name: 'c', roleArn: ROLE, resourcesVpcConfig: { endpointPublicAccess: 'yes' } } },
      "1 validation error detected: Value 'yes' at 'resourcesVpcConfig.endpointPublicAccess' failed to satisfy constraint: Member must be a boolean"],
    ['a list item of the wrong type', 'CreateCluster', { body: { name: 'c', roleArn: ROLE, resourcesVpcConfig: { subnetIds: ['a', 2] } } },
      "1 validation error detected: Value 2 at 'resourcesVpcConfig.subnetIds.2.member' failed to satisfy constraint: Member must be a string"],
    ['a list over its length', 'CreateCluster', { body: { name: 'c', roleArn: ROLE, ...VPC, encryptionConfig: [{}, {}] } },
      "1 validation error detected: Value '[EncryptionConfig(resources=null, provider=null), EncryptionConfig(resources=null, provider=null)]' at 'encryptionConfig' failed to satisfy constraint: Member must have length less than or equal to 1"],
    ['a query integer out of range, shown bare', 'ListClusters', { query: { maxResults: '0' } },
      "1 validation error detected: Value 0 at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['a query integer that is no number', 'ListClusters', { query: { maxResults: 'ten' } }, "1 validation error detected: Value 'ten' at 'maxResults' failed to satisfy constraint: Member must be a number"],
    ['a query boolean that is no boolean', 'DeleteAddon', { path: { name: 'c', addonName: 'a' }, query: { preserve: 'yes' } },
      "1 validation error detected: Value 'yes' at 'preserve' failed to satisfy constraint: Member must be a boolean"],
    ['a repeated query scalar', 'ListClusters', { query: { nextToken: ['a', 'b'] } }, "1 validation error detected: Value '[a, b]' at 'nextToken' failed to satisfy constraint: Member must be a string"],
    ['a path label breaking its pattern', 'ListAddons', { path: { name: '-x' } },
      "1 validation error detected: Value '-x' at 'clusterName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*"],
    ['map keys and values, each once, the map shown as Java prints it', 'TagResource', { path: { resourceArn: 'arn' }, body: { tags: { '': 'v', ['k'.repeat(129)]: 'v', a: 'x'.repeat(257) } } },
      `2 validation errors detected: Value '{=v, ${'k'.repeat(129)}=v, a=${'x'.repeat(257)}}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: ` +
      '[Member must have length less than or equal to 128, Member must have length greater than or equal to 1]; ' +
      `Value '{=v, ${'k'.repeat(129)}=v, a=${'x'.repeat(257)}}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256]`],
    ['an empty map under its minimum', 'TagResource', { path: { resourceArn: 'arn' }, body: { tags: {} } },
      "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['a map value of the wrong type, by its key', 'TagResource', { path: { resourceArn: 'arn' }, body: { tags: { team: 1 } } },
      "1 validation error detected: Value 1 at 'tags.team' failed to satisfy constraint: Member must be a string"],
    ['a list of 51 query keys', 'UntagResource', { path: { resourceArn: 'arn' }, query: { tagKeys: Array.from({ length: 51 }, (_, i) => `k${i}`) } },
      `1 validation error detected: Value '[${Array.from({ length: 51 }, (_, i) => `k${i}`).join(', ')}]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50`],
  ] as [string, keyof EksInputs, RestJsonRequest, string][])('rejects %s', (_case, operation, request, expected) => {
    expect(eks(operation, request)).toBe(expected);
  });

  it('counts lengths in code points: 128 emoji make a valid tag key', () => {
    const key = '😀'.repeat(128);
    expect(parseRestJsonInput(eksShapes, 'TagResource', { path: { resourceArn: 'arn' }, body: { tags: { [key]: 'v' } } })).toEqual({ resourceArn: 'arn', tags: { [key]: 'v' } });
  });

  it('leaves a sensitive value out of the message', () => {
    expect(message(() => parseRestJsonInput(eksAuthShapes, 'AssumeRoleForPodIdentity', { path: { clusterName: 'demo' }, body: { token: 'abc' } }))).toBe(
      "1 validation error detected: Value at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+",
    );
  });

  it('refuses an operation the model does not have, as a caller bug', () => {
    expect(() => parseRestJsonInput(eksShapes, 'Nope' as keyof EksInputs, {})).toThrow(TypeError);
  });
});
