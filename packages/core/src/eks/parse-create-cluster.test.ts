import { describe, expect, it } from 'vitest';
import { parseCreateClusterInput } from './parse-create-cluster.js';

describe('parseCreateClusterInput', () => {
  it('should accept a minimal body and keep only known members', () => {
    expect(parseCreateClusterInput({ name: 'demo', other: 1 })).toEqual({ name: 'demo' });
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
    [{}, "Value null at 'name' failed to satisfy constraint: Member must not be null"],
    [{ name: '' }, 'Member must have length between 1 and 100'],
    [{ name: 'a'.repeat(101) }, 'Member must have length between 1 and 100'],
    [{ name: '-demo' }, 'Member must satisfy regular expression pattern'],
    [{ name: 'de mo' }, 'Member must satisfy regular expression pattern'],
    [{ name: 7 }, "Value 7 at 'name' failed to satisfy constraint: Member must be a string"],
    [{ name: 'demo', roleArn: 'eks' }, "Invalid Role Arn: 'eks'"],
    [{ name: 'demo', version: 'latest' }, 'unsupported Kubernetes version latest'],
    [{ name: 'demo', tags: { a: 1 } }, "at 'tags.a' failed to satisfy constraint: Member must be a string"],
    [{ name: 'demo', accessConfig: { authenticationMode: 'IAM' } }, 'Member must satisfy enum value set'],
    [{ name: 'demo', logging: { clusterLogging: [{ types: ['kubelet'] }] } }, 'Member must satisfy enum value set'],
    [[1], 'The request body must be a JSON object'],
  ])('should reject %j with InvalidParameterException', (body, message) => {
    expect(() => parseCreateClusterInput(body)).toThrow(expect.objectContaining({ code: 'InvalidParameterException', status: 400 }));
    expect(() => parseCreateClusterInput(body)).toThrow(message);
  });
});
