import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';
import { SERVICE } from '../../src/index.js';

export type Impl = Record<string, (args: Record<string, unknown>) => unknown>;

export interface RunningSoapServer {
  endpoint: string;
  close(): Promise<void>;
}

/** A node-soap server for a service description, listening on 127.0.0.1 on a free port. */
export async function startSoapServer(wsdlFor: (address: string) => string, impl: Impl): Promise<RunningSoapServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const path = '/v4.1/prod/ECGridOS.asmx';
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const ports = { [SERVICE.soap11Port]: impl, [`${SERVICE.soap11Port}12`]: impl };
  soap.listen(server, { path, services: { [SERVICE.serviceName]: ports }, xml: wsdlFor(endpoint) });
  return {
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fault the way node-soap sends one: HTTP 500 with the ECGridOS detail element. */
export function soapFault(faultcode: string, faultstring: string, errorCode?: string): never {
  throw {
    Fault: {
      faultcode,
      faultstring,
      ...(errorCode ? { detail: { ECGridOSSOAPErrorCode: errorCode } } : {}),
      statusCode: 500,
    },
  };
}
