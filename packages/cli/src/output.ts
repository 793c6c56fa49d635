import type { Writable } from 'node:stream';

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], cyan: [36, 39] } as const;
export type Color = keyof typeof CODES;

/** Colours only on a terminal, and never when NO_COLOR is set. */
export function painter(stream: Writable): (color: Color, text: string) => string {
  const tty = (stream as { isTTY?: boolean }).isTTY === true && !process.env['NO_COLOR'];
  return (color, text) => (tty ? `\u001b[${CODES[color][0]}m${text}\u001b[${CODES[color][1]}m` : text);
}

/** A plain text table with padded columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** JSON for people: dates as ISO strings, bytes as their size and a short preview. */
export function toDisplayJson(value: unknown): string {
  return JSON.stringify(
    value,
    function (this: unknown, key, v: unknown) {
      const raw = (this as Record<string, unknown>)[key];
      if (raw instanceof Date) return raw.toISOString();
      if (Buffer.isBuffer(raw)) return { bytes: raw.length, preview: raw.subarray(0, 60).toString('utf8') };
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer') return '[bytes]';
      return v;
    },
    2,
  );
}
