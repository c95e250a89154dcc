export { explainDecision } from './explain.js';
export type { ExplainRequest, Explanation } from './explain.js';
