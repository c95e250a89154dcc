export { ROLE_ARN_ANNOTATION, explainDecision } from './explain.js';
export type { ExplainRequest, Explanation } from './explain.js';
