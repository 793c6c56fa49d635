import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type Transcript,
  type WorkflowRunner,
  comparable,
  directAndThroughGateway,
  phpWithSoap,
  scriptRunner,
  zeepPython,
} from './support/harness.js';
import { nodeSoapWorkflow } from './support/node-soap-client.js';

/**
 * Real SOAP clients we did not write, each generated from the service's own ?wsdl, run the legacy workflow twice:
 * against the sandbox's SOAP endpoint directly, and through the gateway with REST behind it. They must see the same
 * results (less the fields REST cannot provide, which the mapping table declares) and the same faults.
 */

const script = (name: string) => fileURLToPath(new URL(`./clients/${name}`, import.meta.url));
const python = zeepPython();
const php = phpWithSoap();

function expectWorkflowShape(t: Transcript): void {
  const byStep = (name: string) => t.steps.filter((s) => s.step === name);
  expect(byStep('login')[0]?.result).toEqual(expect.any(String));
  expect(byStep('download').length).toBeGreaterThan(0);
  expect(byStep('download').every((s) => s.result !== undefined && s.fault === undefined)).toBe(true);
  expect(byStep('confirm').every((s) => s.result === true || s.result === 'true' || s.result === 1)).toBe(true);
  expect(Number(byStep('upload')[0]?.result)).toBeGreaterThan(0);
  expect(byStep('after-expiry')[0]?.fault?.detail).toBe('Authentication');
  expect(byStep('relogin')[0]?.result).toEqual(expect.any(String));
  expect(byStep('whoami-again')[0]?.fault).toBeUndefined();
  expect(byStep('after-logout')[0]?.fault?.detail).toBe('Authentication');
}

async function sameAsDirect(run: WorkflowRunner, soap12 = false): Promise<void> {
  const { direct, gateway, requestsBySoapVersion } = await directAndThroughGateway(run, { backend: 'rest' }, soap12);
  expect(requestsBySoapVersion[soap12 ? '1.1' : '1.2']).toBe(0);
  expect(requestsBySoapVersion[soap12 ? '1.2' : '1.1']).toBe(gateway.steps.length);
  expectWorkflowShape(direct);
  expectWorkflowShape(gateway);
  expect(comparable(gateway, true)).toEqual(comparable(direct, true));
  // The session the client got back from the gateway is not the sandbox's: it is the gateway's own.
  expect(gateway.steps[0]?.result).not.toEqual(direct.steps[0]?.result);
}

describe('node-soap, generated from the gateway ?wsdl', () => {
  it('runs the workflow through the gateway (REST behind) with the same results as on the sandbox SOAP endpoint', async () => {
    await sameAsDirect(nodeSoapWorkflow);
  });

  it('does the same over the SOAP 1.2 binding', async () => {
    await sameAsDirect(nodeSoapWorkflow, true);
  });

  it('with SOAP behind the gateway, sees exactly what the sandbox answers, field for field', async () => {
    const { direct, gateway } = await directAndThroughGateway(nodeSoapWorkflow, { backend: 'soap' });
    expect(comparable(gateway, false)).toEqual(comparable(direct, false));
  });
});

describe.skipIf(!python)(`Python zeep${python ? '' : ' (skipped: no python3 that imports zeep; install Debian python3-zeep)'}`, () => {
  it('runs the workflow through the gateway with the same results as on the sandbox SOAP endpoint', async () => {
    await sameAsDirect(scriptRunner(python!, script('workflow_zeep.py')));
  });

  it('does the same over the SOAP 1.2 binding', async () => {
    await sameAsDirect(scriptRunner(python!, script('workflow_zeep.py')), true);
  });
});

describe.skipIf(!php)(`PHP SoapClient${php ? '' : ' (skipped: no php with the soap extension; install Debian php-cli and php-soap)'}`, () => {
  it('runs the workflow through the gateway with the same results as on the sandbox SOAP endpoint', async () => {
    await sameAsDirect(scriptRunner(php!, script('workflow_php.php')));
  });

  it('does the same over the SOAP 1.2 binding', async () => {
    await sameAsDirect(scriptRunner(php!, script('workflow_php.php')), true);
  });
});
