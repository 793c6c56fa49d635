export { startGateway, DEFAULT_GATEWAY_PATH, type RunningGateway } from './server.js';
export type { GatewayOptions, GatewayFacadeOptions, GatewayLimits } from './options.js';
export { type GatewaySessionStore, type GatewaySessionRecord, MemorySessionStore } from './session-store.js';
export { loadGatewayOptions, readGatewayConfigFile, GATEWAY_ENV } from './config.js';
export { GatewayMetrics } from './metrics.js';
export { REDACTED_PATHS } from './logger.js';
