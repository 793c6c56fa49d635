import { XMLParser, XMLValidator } from '../packages/soap/src/codec/fxp.js';
import { xmlEntityDecoder } from '../packages/soap/src/codec/xml-entities.js';
function time(label: string, n: number, fn: () => unknown) {
  for (let i = 0; i < n; i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  console.log(label.padEnd(50), ((performance.now() - t) * 1000 / n).toFixed(2), 'µs');
}
const SESSION_INFO =
  '<ECGridOSVersion>4.1.472</ECGridOSVersion><SessionID>bench-session</SessionID><SessionEventID>1</SessionEventID>' +
  '<UserID>42</UserID><LoginName>ops@example.com</LoginName><FirstName>Ada</FirstName><LastName>Lovelace</LastName>' +
  '<Company>Example &amp; Co</Company><EMail>ops@example.com</EMail><Phone>+1 555 0100</Phone><TimeZoneOffset>-5</TimeZoneOffset>' +
  '<AuthLevel>MailboxAdmin</AuthLevel><LastLogin>2026-03-04T05:06:07.123</LastLogin><OpenSessions>1</OpenSessions>' +
  '<TimeOut>20</TimeOut><NetworkID>1</NetworkID><MailboxID>2</MailboxID><ip>127.0.0.1</ip>';
const body = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
      `<WhoAmIResponse xmlns="https://os.ecgrid.io/"><WhoAmIResult>${SESSION_INFO}</WhoAmIResult></WhoAmIResponse>` +
      '</soap:Body></soap:Envelope>';
const base = { removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, trimValues: false, processEntities: true, entityDecoder: xmlEntityDecoder, jPath: false, stopNodes: [] as string[] };
time('validate tiny <a/>', 50000, () => XMLValidator.validate('<a/>'));
time('validate whoami', 50000, () => XMLValidator.validate(body));
const variants: Record<string, object> = {
  ours: base,
  'no entityDecoder': { ...base, entityDecoder: undefined },
  'processEntities false': { ...base, processEntities: false, entityDecoder: undefined },
  'ignoreAttributes': { ...base, ignoreAttributes: true },
  'no removeNSPrefix': { ...base, removeNSPrefix: false },
  'jPath true': { ...base, jPath: true },
  'stopNodes x': { ...base, stopNodes: ['Envelope.Body.X.Y'] },
  'all min': { ignoreAttributes: true, parseTagValue: false, processEntities: false },
};
for (const [name, opts] of Object.entries(variants)) {
  const p = new XMLParser(opts as any);
  time(`parse tiny ${name}`, 50000, () => p.parse('<a/>'));
  time(`parse whoami ${name}`, 20000, () => p.parse(body));
}
