import { describe, expect, it } from 'vitest';
import { findCalls } from '../src/index.js';

/** The operations and lines found in one file. */
const calls = (path: string, text: string): string[] => findCalls([{ path, text }]).sites.map((s) => `${s.operation}:${s.line}`);

describe('call forms each detector recognises', () => {
  it('node-soap with a callback, and the facade by name', () => {
    const text = "soap.createClient(url, function (err, client) {\n  client.ParcelInBox({}, done);\n});\nconst f = createEcgridFacade();\nf.invoke('WhoAmI', {});\n";
    expect(calls('poll.js', text)).toEqual(['ParcelInBox:2', 'WhoAmI:5']);
  });

  it('PHP clients kept in a property', () => {
    expect(calls('A.php', "<?php\n$this->ecg = new \\SoapClient($wsdl);\n$this->ecg->WhoAmI([]);\n")).toEqual(['WhoAmI:3']);
  });

  it('zeep services bound to a name, and comments and docstrings ignored', () => {
    const text = 'from zeep import Client\nc = Client(w)\n"""c.service.Logout(s)"""\nsvc = c.service\nsvc.MailboxInfo(s, 1)\n';
    expect(calls('a.py', text)).toEqual(['MailboxInfo:5']);
  });

  it('VB fields of the proxy type, whatever the case of the keywords', () => {
    expect(calls('A.vb', 'Private ecg as ECGridOSSoapClient\nSub X()\n  ecg.ParcelInBoxArchive(s)\nEnd Sub\n')).toEqual(['ParcelInBoxArchive:3']);
  });

  it('Java ports obtained without naming their interface', () => {
    expect(calls('A.java', 'var port = new ECGridOS().getECGridOSSoap();\nport.parcelDownload(s, 1);\n')).toEqual(['ParcelDownload:2']);
  });

  it('envelopes with a prefix bound on the element, and the SOAPAction of the same call counted once', () => {
    const text = 'headers["SOAPAction"] = "https://os.ecgrid.io/ParcelDownload";\nbody = `<e:ParcelDownload xmlns:e="https://os.ecgrid.io/"><e:ParcelID>1</e:ParcelID></e:ParcelDownload>`;\n';
    expect(calls('send.ts', text)).toEqual(['ParcelDownload:1']);
  });

  it('a SOAPAction in a comment or a WSDL URL is not a call', () => {
    expect(calls('a.ts', '// "https://os.ecgrid.io/Login"\nfetch("https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx");\n')).toEqual([]);
  });
});
