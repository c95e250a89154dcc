// The request-shape layer: botocore's models as data (models/), one validator, one message.
export type { ServiceShapes, Shape, MemberRef } from './types.js';
export { parseQueryInput } from './query-input.js';
export { parseRestJsonInput } from './rest-json-input.js';
export type { RestJsonRequest } from './rest-json-input.js';
export { itemConstraints } from './constraints.js';
export { Violations, memberName } from './violations.js';
export { iamShapes, stsShapes } from './models/index.js';
export type { IamInputs, StsInputs } from './models/index.js';
