export * from './generated/index.js';
export type { EndpointSpec, FieldSpec, HttpMethod, PagingSpec, RestEquivalent } from './spec.js';
export { fillPath, PathValueError } from './path.js';
