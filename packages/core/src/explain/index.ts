export { ROLE_ARN_ANNOTATION, explainDecision } from './explain.js';
export type { ExplainRequest, Explanation } from './explain.js';
export { decisionHints, storeFacts } from './hints/index.js';
export type { HintFacts, HintedDecision } from './hints/index.js';
