export { escapeXml, isoSeconds, xmlBody, queryResponseXml, queryErrorXml } from './xml.js';
export type { XmlValue } from './xml.js';
export { optionalString, optionalBoolean } from './query-params.js';
export type { QueryParams } from './query-params.js';
export { MAX_JSON_DEPTH, jsonNestsDeeperThan } from './json-depth.js';
