import { ENUMS, type ElementSpec, OPERATIONS } from '@ecgrid-bridge/soap';
import type { ScanReport } from './report.js';

function placeholder(param: ElementSpec): string {
  const type = param.type.replace(/^\w+:/, '');
  if (param.kind === 'enum') return ENUMS[type]?.[0] ?? "''";
  if (param.kind !== 'builtin') return 'null';
  if (/^(?:int|long|short|byte|unsignedInt|unsignedLong|unsignedShort|decimal|double|float)$/.test(type)) return '0';
  if (type === 'boolean') return 'false';
  if (type === 'dateTime') return "'2026-01-01T00:00:00Z'";
  return "''";
}

/**
 * A calls file for `ecgrid-bridge parity --calls`: every read and download the code calls that REST can serve (a
 * SOAP-only one has nothing to compare), each parameter with a
 * placeholder of its type and a comment saying so (SessionID is the facade's own business and left out).
 */
export function parityCallsYaml(report: ScanReport): string {
  const reads = report.operations.filter((f) => (f.kind === 'read' || f.kind === 'download') && f.rest !== null);
  const lines = [
    '# Reads and downloads found by `ecgrid-bridge scan`. Fill in the placeholders, then run:',
    '#   ecgrid-bridge parity --calls parity-calls.yaml',
  ];
  if (reads.length === 0) return `${[...lines, '[]'].join('\n')}\n`;
  for (const f of reads) {
    const params = OPERATIONS[f.operation].params.filter((p) => p.name !== 'SessionID');
    lines.push(`- operation: ${f.operation}   # ${f.sites.map((s) => `${s.file}:${s.line}`).join(', ')}`);
    if (params.length === 0) lines.push('  params: {}');
    else {
      lines.push('  params:');
      for (const p of params) lines.push(`    ${p.name}: ${placeholder(p)}   # fill in (${p.type.replace(/^\w+:/, '')})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
