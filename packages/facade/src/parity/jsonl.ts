import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { MismatchRecord } from './record.js';

export interface JsonlParityExporter {
  /** Writes one record as one line of JSON; pass it as `parity.publish`. */
  publish(record: MismatchRecord): void;
  /** Flushes and, for a file it opened, closes it. */
  close(): Promise<void>;
}

/**
 * Parity records as JSON Lines, one record a line, appended to a file (created with its folder) or written to a
 * stream you own. Records hold no secret and no downloaded content (see `MismatchRecord`), so the lines do not either.
 */
export function jsonlParityExporter(destination: string | Writable): JsonlParityExporter {
  let stream: Writable;
  const owned = typeof destination === 'string';
  if (typeof destination === 'string') {
    mkdirSync(dirname(destination), { recursive: true });
    stream = createWriteStream(destination, { flags: 'a' });
  } else {
    stream = destination;
  }
  return {
    publish(record) {
      stream.write(`${JSON.stringify(record)}\n`);
    },
    async close() {
      if (!owned) return;
      stream.end();
      await finished(stream);
    },
  };
}
