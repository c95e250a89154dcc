export { simulateCustomPolicy, simulatePrincipalPolicy, contextOf } from './simulate-policy.js';
export type { ContextEntryInput, ContextKeyType, SimulatePrincipalPolicyInput, SimulationAnswer, SimulationInput } from './simulate-policy.js';
export { statementSpans } from './statement-spans.js';
export type { Position, Span } from './statement-spans.js';
export type { EvalDecision, MatchedStatement, PolicySourceType, SimulationResult } from './types.js';
