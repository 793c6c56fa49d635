import { XMLBuilder } from 'fast-xml-parser';
import { OPERATIONS, type OperationName } from '../../src/index.js';
import { wireSample } from './sample-values.js';

const builder = new XMLBuilder({ suppressEmptyNode: false });

/** The XML inside an operation's result element for a complete sample value (see `wireSample`). */
export function sampleResultXml(op: OperationName, seed = 1): string {
  const result = OPERATIONS[op].result;
  if (!result) throw new Error(`${op} has no result`);
  const value = wireSample(result, seed);
  return typeof value === 'object' && value !== null ? (builder.build(value) as string) : builder.build({ v: value }).slice(3, -4);
}
