import type { ServiceShapes, Shape } from '../types.js';
import { iamShapes } from './iam.js';
import { stsShapes as generatedStsShapes } from './sts.js';
import type { StsInputs } from './sts.js';

export { iamShapes };
export { eksShapes } from './eks.js';
export type { EksInputs } from './eks.js';
export { eksAuthShapes } from './eks-auth.js';
export type { EksAuthInputs } from './eks-auth.js';
export type { IamInputs } from './iam.js';
export type { StsInputs };

/**
 * STS's model with the one limit AWS documents but the model omits: "You can provide up to 10
 * managed policy ARNs" (API_AssumeRole and API_AssumeRoleWithWebIdentity, PolicyArns), enforced
 * as a list length like the model's own list limits.
 */
export const stsShapes: ServiceShapes<StsInputs> = amend(generatedStsShapes, { policyDescriptorListType: { max: 10 } });

function amend<I>(model: ServiceShapes<I>, changes: Record<string, Partial<Shape>>): ServiceShapes<I> {
  const shapes = { ...model.shapes };
  for (const [name, change] of Object.entries(changes)) {
    const shape = shapes[name];
    if (shape === undefined) throw new TypeError(`${model.service} model has no shape ${name}`);
    shapes[name] = { ...shape, ...change };
  }
  return { ...model, shapes };
}
