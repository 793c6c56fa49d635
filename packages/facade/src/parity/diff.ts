import diff from 'microdiff';
import type { Plain } from './normalize.js';

export interface Difference {
  /** Dotted path from the result's root; list positions are numbers, e.g. `ParcelIDInfoList.0.FileName`. */
  path: string;
  kind: 'changed' | 'missing-in-candidate' | 'only-in-candidate';
  control: Plain | undefined;
  candidate: Plain | undefined;
}

/** Path-addressed differences between the authoritative (control) and the candidate result. */
export function diffResults(control: Plain, candidate: Plain): Difference[] {
  const wrap = (v: Plain) => ({ value: v });
  return diff(wrap(control), wrap(candidate)).map((d) => {
    const path = d.path.slice(1).map(String).join('.') || '.';
    switch (d.type) {
      case 'CHANGE':
        return { path, kind: 'changed', control: d.oldValue as Plain, candidate: d.value as Plain };
      case 'REMOVE':
        return { path, kind: 'missing-in-candidate', control: d.oldValue as Plain, candidate: undefined };
      case 'CREATE':
        return { path, kind: 'only-in-candidate', control: undefined, candidate: d.value as Plain };
    }
  });
}
