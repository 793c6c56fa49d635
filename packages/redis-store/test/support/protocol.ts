import type { CredentialStoreEvent, CredentialStoreMetrics, UnavailablePolicy } from '@ecgrid-bridge/core';

export interface WorkerConfig {
  redisUrl: string;
  encryptionKey: string;
  prefix: string;
  whenUnavailable: UnavailablePolicy;
  leaseMs: number;
  backend: 'soap' | 'rest';
  soapUrl: string;
  restUrl: string;
  loginName: string;
  password: string;
  refreshWindowMs: number;
}

export type ToWorker =
  | { type: 'setup'; config: WorkerConfig }
  | { type: 'burst'; id: number; calls: number }
  | { type: 'loop'; id: number; calls: number }
  | { type: 'stop-loop' }
  | { type: 'metrics' }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'burst-done'; id: number; ok: number; failures: string[] }
  | { type: 'event'; event: CredentialStoreEvent }
  | { type: 'metrics'; metrics: CredentialStoreMetrics }
  | { type: 'closed' }
  | { type: 'failed'; error: string };
