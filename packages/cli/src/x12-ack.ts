/** Builds an X12 997 functional acknowledgment for an interchange, addressed back to its sender. */
export function functionalAck(interchange: string, controlNumber: number, now = new Date()): string {
  const text = interchange.trimStart();
  if (!text.startsWith('ISA') || text.length < 106) throw new Error('not an X12 interchange');
  const element = text[3]!;
  const terminator = text[105]!;
  const isa = text.slice(0, 105).split(element);
  const gs = text
    .split(terminator)
    .map((s) => s.trim())
    .find((s) => s.startsWith(`GS${element}`))
    ?.split(element);
  if (isa.length < 17 || !gs || gs.length < 9) throw new Error('the interchange has no usable ISA/GS header');
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const yymmdd = now.toISOString().slice(2, 10).replace(/-/g, '');
  const ccyymmdd = now.toISOString().slice(0, 10).replace(/-/g, '');
  const hhmm = now.toISOString().slice(11, 16).replace(':', '');
  const control = pad(controlNumber % 1_000_000_000, 9);
  const group = String(controlNumber % 1_000_000_000);
  const segments = [
    ['ISA', isa[1], isa[2], isa[3], isa[4], isa[7], isa[8], isa[5], isa[6], yymmdd, hhmm, isa[11], isa[12], control, '0', isa[15], isa[16]],
    ['GS', 'FA', gs[3], gs[2], ccyymmdd, hhmm, group, 'X', gs[8]],
    ['ST', '997', '0001'],
    ['AK1', gs[1], gs[6]],
    ['AK9', 'A', '1', '1', '1'],
    ['SE', '4', '0001'],
    ['GE', '1', group],
    ['IEA', '1', control],
  ];
  return segments.map((s) => s.join(element)).join(terminator) + terminator;
}
