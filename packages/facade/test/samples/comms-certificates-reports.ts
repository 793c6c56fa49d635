import type { FacadeOperation } from '../../src/index.js';

/** Sample SOAP parameters the documentation checks need beyond the defaults (`sampleParams`), by operation. */
export const overrides: Partial<Record<FacadeOperation, Record<string, unknown>>> = {};
