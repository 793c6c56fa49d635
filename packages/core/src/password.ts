import { EcgridError } from './errors.js';

/** ECGrid's password rule: at least one lower-case letter, one upper-case letter, one digit and one other character. */
export const PASSWORD_PATTERN = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^a-zA-Z0-9]).+$/s;

export function satisfiesPasswordRule(password: string): boolean {
  return PASSWORD_PATTERN.test(password);
}

/** Thrown before any request is sent when a password cannot be valid; the message never contains the password. */
export class PasswordRuleError extends EcgridError {
  constructor() {
    super(
      'PasswordRule',
      'The password does not satisfy the ECGrid rule: it needs a lower-case letter, an upper-case letter, a digit and a character that is none of these.',
    );
  }
}

export function assertPasswordRule(password: string): void {
  if (!satisfiesPasswordRule(password)) throw new PasswordRuleError();
}
