import { XMLBuilder } from 'fast-xml-parser';
import { type ParityCallResult, isError } from './parity-results.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

/** XML 1.0 has no place for most control characters, whatever the escaping. */
const xmlText = (text: string): string => text.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * A JUnit XML report, the format CI systems show as tests: one test case per call, a mismatch a failure, an error
 * an error, a call left out of the gate skipped (with what it did).
 */
export function renderJunit(results: readonly ParityCallResult[], generatedAt: Date): string {
  const failures = results.filter((r) => !r.excluded && r.outcome === 'mismatch').length;
  const errors = results.filter((r) => !r.excluded && isError(r)).length;
  const skipped = results.filter((r) => r.excluded).length;
  const time = seconds(results.reduce((t, r) => t + r.durationMs, 0));
  const counts = { '@_tests': results.length, '@_failures': failures, '@_errors': errors, '@_skipped': skipped, '@_time': time };
  const testcase = results.map((r) => {
    const reason = xmlText(r.reason ?? r.outcome);
    const verdict = r.excluded
      ? { skipped: { '@_message': xmlText(`excluded from the gate (${r.outcome}${r.reason ? `: ${r.reason}` : ''})`) } }
      : r.outcome === 'mismatch'
        ? { failure: { '@_type': r.outcome, '@_message': reason, '#text': xmlText(JSON.stringify(r.record?.differences ?? [], null, 1)) } }
        : isError(r)
          ? { error: { '@_type': r.outcome, '@_message': reason } }
          : r.reason
            ? { 'system-out': xmlText(`${r.outcome}: ${r.reason}`) }
            : {};
    return { '@_classname': `parity.${r.operation}`, '@_name': `#${r.index} ${r.operation}`, '@_time': seconds(r.durationMs), ...verdict };
  });
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'ecgrid-bridge parity',
      ...counts,
      testsuite: { '@_name': 'SOAP ↔ REST parity', '@_timestamp': generatedAt.toISOString(), ...counts, testcase },
    },
  }) as string;
}
