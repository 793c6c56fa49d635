import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  EcgridError,
  ManualClock,
  PasswordRuleError,
  REDACTED,
  Redactor,
  SingleFlight,
  assertPasswordRule,
  emitSafely,
  isLoopbackHost,
  maskTokenShapes,
  readEnvConfig,
  redactHeaders,
  satisfiesPasswordRule,
} from '../src/index.js';

const CANARY = 'canary-Secret-7f3a9';

describe('Redactor', () => {
  it('removes a secret in plain, URL-encoded and base64 forms', () => {
    const r = new Redactor(['p@ss word/1']);
    const text = `a p@ss word/1 b ${encodeURIComponent('p@ss word/1')} c ${Buffer.from('p@ss word/1').toString('base64')}`;
    expect(r.redact(text)).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it('ignores values too short to be secrets', () => {
    const r = new Redactor(['ab', undefined, null, '']);
    expect(r.redact('abc')).toBe('abc');
  });

  it('masks sensitive keys and secret values in a deep copy without touching the original', () => {
    const r = new Redactor([CANARY]);
    const value = { Password: 'x', nested: { note: `echo ${CANARY}`, list: [{ SessionID: 'abc' }] }, when: new Date(0) };
    const out = r.redactValue(value);
    expect(out).toEqual({ Password: REDACTED, nested: { note: `echo ${REDACTED}`, list: [{ SessionID: REDACTED }] }, when: new Date(0) });
    expect(value.Password).toBe('x');
  });

  it('merges secrets of two redactors', () => {
    const merged = new Redactor(['first-secret']).merge(new Redactor(['second-secret']));
    expect(merged.redact('first-secret second-secret')).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('removes the longest of two overlapping secrets whole', () => {
    const r = new Redactor(['abcd1234', 'abcd1234-and-more']);
    expect(r.redact('x abcd1234-and-more y abcd1234')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('masks bearer credentials and JWT-shaped strings it was never told about, but not prose', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const r = new Redactor();
    expect(r.redact(`Authorization: Bearer abc123-opaque-token and ${jwt}.`)).toBe(`Authorization: Bearer ${REDACTED} and ${REDACTED}.`);
    expect(r.redact('Basic dXNlcjpwYXNzd29yZA==')).toBe(`Basic ${REDACTED}`);
    expect(r.redact('the Bearer token has expired; send Authorization: Bearer <token>')).toBe(
      'the Bearer token has expired; send Authorization: Bearer <token>',
    );
    expect(maskTokenShapes(`a ${jwt}`)).toBe(`a ${REDACTED}`);
  });

  it('derives a per-call redactor: it sees later additions to its parent, and its own secrets stay its own', () => {
    const parent = new Redactor(['parent-secret']);
    const child = parent.derive();
    child.add('child-secret');
    parent.add('added-later');
    expect(child.redact('parent-secret child-secret added-later')).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
    expect(parent.redact('child-secret')).toBe('child-secret');
  });

  it('collects credentials from header values and from sensitive fields of a body', () => {
    const r = new Redactor();
    r.addCredential('Bearer opaque-token-123');
    r.addCredential('{"ClientKey":"client-key-1","ClientSecret":"client-secret-2"}');
    r.addSensitiveFields({ login: 'ops@example.com', password: 'pw-secret-3', nested: [{ NewPassword: 'pw-secret-4' }], tokenTtlMs: 600000 });
    expect(r.redact('opaque-token-123 client-key-1 client-secret-2 pw-secret-3 pw-secret-4 ops@example.com 600000')).toBe(
      `${REDACTED} ${REDACTED} ${REDACTED} ${REDACTED} ${REDACTED} ops@example.com 600000`,
    );
  });

  it('masks credential headers', () => {
    expect(redactHeaders({ 'X-API-Key': 'k', Authorization: 'Bearer t', 'Eagle-Api-Key': '{}', Accept: 'json' })).toEqual({
      'X-API-Key': REDACTED,
      Authorization: REDACTED,
      'Eagle-Api-Key': REDACTED,
      Accept: 'json',
    });
  });
});

describe('EcgridError', () => {
  it('keeps no secret in message, stack, enumerable fields or cause', () => {
    const r = new Redactor([CANARY]);
    const cause = Object.assign(new Error(`server said ${CANARY}`), { config: { headers: { 'X-API-Key': CANARY } }, code: 'ECONNRESET' });
    const err = new EcgridError('Transport', `failed for ${CANARY}`, { cause, redactor: r });
    for (const view of [err.message, err.stack ?? '', JSON.stringify(err), inspect(err, { depth: 10 }), inspect(err.cause, { depth: 10 })]) {
      expect(view).not.toContain(CANARY);
    }
    expect(err.code).toBe('Transport');
    expect((err.cause as { code?: string }).code).toBe('ECONNRESET');
    expect(err.name).toBe('EcgridError');
  });

  it('masks token shapes even without a redactor, and keeps a sanitized cause chain', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const inner = Object.assign(new Error(`connect ECONNREFUSED with Bearer ${CANARY}`), { code: 'ECONNREFUSED', config: { headers: { Authorization: CANARY } } });
    const outer = Object.assign(new Error('wrapped', { cause: inner }), { code: 'ERR_NETWORK' });
    const err = new EcgridError('X', `token ${jwt}`, { cause: outer });
    expect(err.message).toBe(`token ${REDACTED}`);
    const cause = err.cause as Error & { cause?: Error & { code?: string } };
    expect(cause.cause?.code).toBe('ECONNREFUSED');
    expect(cause.cause?.message).toBe(`connect ECONNREFUSED with Bearer ${REDACTED}`);
    expect(inspect(err, { depth: 10, showHidden: true })).not.toContain(CANARY);
  });

  it('names subclasses after themselves', () => {
    expect(new ConfigurationError('x').name).toBe('ConfigurationError');
    expect(new ConfigurationError('x')).toBeInstanceOf(EcgridError);
  });
});

describe('password rule', () => {
  it.each([
    ['Passw0rd!', true],
    ['password1!', false],
    ['PASSWORD1!', false],
    ['Password!', false],
    ['Password1', false],
  ])('%s → %s', (pw, ok) => {
    expect(satisfiesPasswordRule(pw)).toBe(ok);
  });

  it('throws a typed error that does not contain the password', () => {
    const err = (() => {
      try {
        assertPasswordRule('weakpassword');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PasswordRuleError);
    expect(JSON.stringify(err) + String((err as Error).message)).not.toContain('weakpassword');
  });
});

describe('SingleFlight', () => {
  it('shares one task among concurrent callers and starts afresh after it settles', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    const task = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 5));
      return runs;
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => flight.run(task)));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(await flight.run(task)).toBe(2);
  });

  it('shares a failure and clears the slot', async () => {
    const flight = new SingleFlight<number>();
    const failing = Promise.all([flight.run(async () => Promise.reject(new Error('no'))), flight.run(async () => 1)]);
    await expect(failing).rejects.toThrow('no');
    await expect(flight.run(async () => 3)).resolves.toBe(3);
    expect(flight.pending).toBe(false);
  });
});

describe('configuration', () => {
  it('reads the vendor variable names and drops empty values', () => {
    expect(
      readEnvConfig({ ECGrid__ApiKey: ' key ', ECGrid__Email: '', ECGrid__RestUrl: 'http://127.0.0.1:1', ECGRID_BACKEND: 'rest' }),
    ).toEqual({ apiKey: 'key', restUrl: 'http://127.0.0.1:1', backend: 'rest' });
  });

  it('rejects URLs that are not http(s) or carry credentials', () => {
    expect(() => readEnvConfig({ ECGrid__SoapUrl: 'ftp://x' })).toThrow(ConfigurationError);
    expect(() => readEnvConfig({ ECGrid__SoapUrl: 'https://u:p@host' })).toThrow(/credentials/);
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'example.com', '127.0.0.1.example.com'].some(isLoopbackHost)).toBe(false);
  });
});

describe('small helpers', () => {
  it('a manual clock moves only when told', () => {
    const clock = new ManualClock(10);
    clock.advance(5);
    expect(clock.now()).toBe(15);
  });

  it('a throwing listener never breaks the caller', () => {
    expect(() =>
      emitSafely(() => {
        throw new Error('listener');
      }, {}),
    ).not.toThrow();
  });
});

describe('secrets held by objects', () => {
  it('a redactor never shows its secrets when inspected or serialized', () => {
    const holder = { redactor: new Redactor([CANARY]) };
    expect(inspect(holder, { depth: 10 })).not.toContain(CANARY);
    expect(JSON.stringify(holder)).not.toContain(CANARY);
    expect(holder.redactor.redact(CANARY)).toBe(REDACTED);
  });

  it('an async listener that rejects does not become an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      emitSafely(async () => {
        throw new Error('async listener');
      }, {});
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
