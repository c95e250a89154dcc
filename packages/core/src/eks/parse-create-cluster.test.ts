import { describe, expect, it } from 'vitest';
import { parseCreateClusterInput } from './parse-create-cluster.js';

const ROLE = 'arn:aws:iam::123456789012:role/eks';
/** The members CreateClusterRequest requires besides the name. */
const REQUIRED = { roleArn: ROLE, resourcesVpcConfig: {} };

describe('parseCreateClusterInput', () => {
  it('should accept a minimal body and keep only known members', () => {
    expect(parseCreateClusterInput({ name: 'demo', ...REQUIRED, other: 1 })).toEqual({ name: 'demo', roleArn: ROLE, resourcesVpcConfig: {} });
  });

  it('should let a declaration (eksid apply) leave out the role and VPC the API requires', () => {
    expect(parseCreateClusterInput({ name: 'demo' }, 'declaration')).toEqual({ name: 'demo' });
  });

  it.each([
    [{ name: 'demo', roleArn: ROLE }, "1 validation error detected: Value null at 'resourcesVpcConfig' failed to satisfy constraint: Member must not be null"],
    [{ name: 'demo', resourcesVpcConfig: {} }, "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"],
    [{ name: 'demo' }, "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value null at 'resourcesVpcConfig' failed to satisfy constraint: Member must not be null"],
    [{}, "3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value null at 'resourcesVpcConfig' failed to satisfy constraint: Member must not be null"],
  ])('should name every missing required member of %j', (body, message) => {
    expect(() => parseCreateClusterInput(body)).toThrow(expect.objectContaining({ code: 'InvalidParameterException', status: 400, message }));
  });

  it.each([['aws:owner'], ['AWS:owner'], ['Aws:x']])('should refuse the reserved tag key %s', (key) => {
    expect(() => parseCreateClusterInput({ name: 'demo', ...REQUIRED, tags: { [key]: 'v' } })).toThrow(
      expect.objectContaining({ code: 'InvalidParameterException', message: "Tag keys starting with 'aws:' are reserved for internal use" }),
    );
  });

  it('should count tag lengths in characters, not UTF-16 units', () => {
    expect(parseCreateClusterInput({ name: 'demo', ...REQUIRED, tags: { ['😀'.repeat(128)]: '😀'.repeat(256) } }).tags).toBeDefined();
    expect(() => parseCreateClusterInput({ name: 'demo', ...REQUIRED, tags: { ['😀'.repeat(129)]: 'v' } })).toThrow("at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]");
  });

  it('should read the optional members it models', () => {
    const input = parseCreateClusterInput({
      name: 'demo',
      version: '1.30',
      roleArn: 'arn:aws:iam::123456789012:role/eks',
      resourcesVpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], endpointPrivateAccess: true },
      logging: { clusterLogging: [{ types: ['api'], enabled: true }] },
      accessConfig: { authenticationMode: 'API' },
      tags: { a: 'b' },
    });
    expect(input).toEqual({
      name: 'demo',
      version: '1.30',
      roleArn: 'arn:aws:iam::123456789012:role/eks',
      resourcesVpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], endpointPrivateAccess: true },
      logging: { clusterLogging: [{ types: ['api'], enabled: true }] },
      accessConfig: { authenticationMode: 'API' },
      tags: { a: 'b' },
    });
  });

  it.each([
    [{ name: '', ...REQUIRED }, "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    [{ name: 'a'.repeat(101), ...REQUIRED }, 'Member must have length less than or equal to 100'],
    [{ name: '-demo', ...REQUIRED }, 'Member must satisfy regular expression pattern'],
    [{ name: 'de mo', ...REQUIRED }, 'Member must satisfy regular expression pattern'],
    [{ name: 7, ...REQUIRED }, "Value 7 at 'name' failed to satisfy constraint: Member must be a string"],
    [{ name: 'demo', ...REQUIRED, roleArn: 'eks' }, "Invalid Role Arn: 'eks'"],
    [{ name: 'demo', version: 'latest', ...REQUIRED }, 'unsupported Kubernetes version latest'],
    [{ name: 'demo', tags: { a: 1 }, ...REQUIRED }, "at 'tags.a' failed to satisfy constraint: Member must be a string"],
    [{ name: 'demo', accessConfig: { authenticationMode: 'IAM' }, ...REQUIRED }, 'Member must satisfy enum value set'],
    [{ name: 'demo', logging: { clusterLogging: [{ types: ['kubelet'] }] }, ...REQUIRED }, 'Member must satisfy enum value set'],
    [[1], 'The request body must be a JSON object'],
  ])('should reject %j with InvalidParameterException', (body, message) => {
    expect(() => parseCreateClusterInput(body)).toThrow(expect.objectContaining({ code: 'InvalidParameterException', status: 400 }));
    expect(() => parseCreateClusterInput(body)).toThrow(message);
  });
});
