import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CALLS, ROLLOUT_PERCENT, assignments } from './support/rollout-assignments.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./support/rollout-assignments.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('rollout across processes', () => {
  it('sends the same call to the same backend in every process (the bucket is a hash of the call key)', async () => {
    const here = await assignments();
    const elsewhere = await Promise.all(
      [1, 2].map(async () => JSON.parse((await run(process.execPath, ['--import', 'tsx', SCRIPT, '--print'], { cwd: REPO })).stdout) as string[]),
    );
    expect(here).toHaveLength(CALLS);
    for (const other of elsewhere) expect(other).toEqual(here);
    // Both sides are used, in roughly the configured share: the comparison above is not trivially equal.
    const toRest = here.filter((b) => b === 'rest').length;
    expect(toRest).toBeGreaterThan(CALLS * (ROLLOUT_PERCENT / 100) * 0.7);
    expect(toRest).toBeLessThan(CALLS * (ROLLOUT_PERCENT / 100) * 1.3);
  });
});
