import { decodeJwt } from 'jose';

/** The `exp` claim of a JWT in epoch ms, or undefined when the token is not a JWT or has no `exp`. */
export function jwtExpiryMs(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** True for a compact JWT whose payload decodes to a claims object. */
export function isJwt(token: string): boolean {
  if (!COMPACT_JWS.test(token)) return false;
  try {
    decodeJwt(token);
    return true;
  } catch {
    return false;
  }
}
