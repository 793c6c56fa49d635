import type { Writable } from 'node:stream';

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], cyan: [36, 39] } as const;
export type Color = keyof typeof CODES;

export const isTerminal = (stream: Writable): boolean => (stream as { isTTY?: boolean }).isTTY === true;

/** Colours only on a terminal, and never when NO_COLOR is set. */
export function painter(stream: Writable): (color: Color, text: string) => string {
  const tty = isTerminal(stream) && !process.env['NO_COLOR'];
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

/** How long a call may take before the waiting line shows, and how often it is redrawn. */
const WAITING_DELAY_MS = 200;
const WAITING_TICK_MS = 100;

/**
 * A line on a terminal saying how long `what` has been waiting, redrawn in place until the returned function is
 * called, which erases it (calling it again does nothing). Only for terminals: a pipe or a file never gets it.
 */
export function waitingLine(terminal: Writable, what: string, now: () => number = () => performance.now()): () => void {
  const started = now();
  let drawn = false;
  const draw = (): void => {
    drawn = true;
    terminal.write(`\r\u001b[Kwaiting for ${what}… ${((now() - started) / 1000).toFixed(1)} s`);
  };
  let tick: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    draw();
    tick = setInterval(draw, WAITING_TICK_MS);
    tick.unref();
  }, WAITING_DELAY_MS);
  first.unref();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(first);
    clearInterval(tick);
    if (drawn) terminal.write('\r\u001b[K');
  };
}
