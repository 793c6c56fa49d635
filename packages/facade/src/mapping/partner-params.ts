import type { AuthLevel, eMailTo } from '@ecgrid-bridge/soap';
import { UnsupportedOnRest } from './entry.js';

/** Parameter helpers shared by the ID, interconnect and carbon-copy entries (not exported by any group module). */

/** `ShowInactive: false` asks for active records only: the REST `status` filter `Active`. */
export const activeUnless = (showInactive: boolean): 'Active' | undefined => (showInactive ? undefined : 'Active');

/** The REST note and cancel endpoints send no e-mail: only `NoEMail` is expressible. */
export function requireNoEMail(value: eMailTo): void {
  if (value !== 'NoEMail') throw new UnsupportedOnRest(`the REST endpoint sends no e-mail (EMailTo ${value})`);
}

/**
 * A note's AuthLevel limits who may read it; rest-api/partners/add-note.md has no visibility field, so only a note
 * open to every level (`General`, the lowest, or `NoChange`, no restriction asked for) is expressible.
 */
export function requireUnrestricted(value: AuthLevel): void {
  if (value !== 'General' && value !== 'NoChange') {
    throw new UnsupportedOnRest(`the REST endpoint cannot restrict a note to AuthLevel ${value}`);
  }
}
