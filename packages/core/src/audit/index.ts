export * from './types.js';
export { DecisionLog } from './decision-log.js';
export type { DecisionListener } from './decision-log.js';
export { DecisionDraft, serviceAccountOfSubject } from './decision-draft.js';
export { policyTraceLines } from './trace-lines.js';
export { decisionEventJson } from './json.js';
export type { DecisionEventJson } from './json.js';
