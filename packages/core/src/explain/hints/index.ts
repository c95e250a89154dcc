export { decisionHints } from './hints.js';
export type { HintedDecision } from './hints.js';
export { storeFacts } from './facts.js';
export type { HintFacts } from './facts.js';
