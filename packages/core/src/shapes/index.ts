// The request-shape layer: botocore's models as data (models/), one validator, one message.
export type { ServiceShapes, Shape, MemberRef } from './types.js';
export { parseQueryInput } from './query-input.js';
export { stringFailures, rangeFailures } from './constraints.js';
export { codePointLength } from './length.js';
export { javaPattern } from './java-pattern.js';
export { Violations, memberName } from './violations.js';
export { iamShapes, stsShapes } from './models/index.js';
export type { IamInputs, StsInputs } from './models/index.js';
