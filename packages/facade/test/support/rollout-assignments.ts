/**
 * Prints, as JSON, which backend a rolled-out facade sends each of a fixed set of calls to: run in several processes,
 * the outputs must be the same. Used by rollout-processes.test.ts.
 */
import { createEcgridFacade } from '../../src/index.js';
import { fakeBackend } from '../fakes.js';

export const ROLLOUT_PERCENT = 37;
export const CALLS = 400;

export async function assignments(): Promise<string[]> {
  const served: string[] = [];
  const answer = (name: 'soap' | 'rest') => () => {
    served.push(name);
    return { TotalRecords: 0, ParcelIDInfoList: [] };
  };
  const soap = fakeBackend('soap', { ParcelInBox: answer('soap') });
  const rest = fakeBackend('rest', { ParcelInBox: answer('rest') });
  const ecgrid = createEcgridFacade({
    backend: 'soap',
    rollout: { ParcelInBox: ROLLOUT_PERCENT },
    backends: { soap: soap.backend, rest: rest.backend },
    env: {},
  });
  for (let i = 0; i < CALLS; i += 1) {
    // Half with an explicit key, half with the default key built from the operation and its parameters.
    if (i % 2 === 0) await ecgrid.ParcelInBox({}, { stickyKey: `mailbox-${i}` });
    else await ecgrid.ParcelInBox({ MailboxID: i, NetworkID: i * 7 });
  }
  await ecgrid.close();
  return served;
}

if (process.argv[2] === '--print') process.stdout.write(JSON.stringify(await assignments()));
