import { invalidParameter } from '../errors.js';
import type { SessionRecord, UserRecord } from '../store/records.js';
import type { Caller } from './auth.js';
import type { SandboxService } from './service.js';

export interface WhoAmIView {
  readonly user: UserRecord;
  readonly session: SessionRecord | undefined;
  readonly openSessions: number;
  readonly timeoutMinutes: number;
}

export function whoAmI(svc: SandboxService, caller: Caller): WhoAmIView {
  return {
    user: caller.user,
    session: caller.sessionId ? svc.state.sessions.get(caller.sessionId) : undefined,
    openSessions: svc.auth.openSessionCount(caller.user.userId),
    timeoutMinutes: Math.max(1, Math.round(svc.auth.settings.sessionTtlMs / 60_000)),
  };
}

export function sessionLog(svc: SandboxService, caller: Caller, maxRecords: number): SessionRecord[] {
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 0) throw invalidParameter('MaxRecords must be 0 or more');
  const all = svc.auth.sessionsOf(caller.user.userId);
  return maxRecords === 0 ? all : all.slice(0, maxRecords);
}
