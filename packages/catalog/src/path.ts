/** A `{name}` placeholder of a path template with no value. */
export class PathValueError extends Error {}

/** Puts URL-encoded values into a path template's `{name}` placeholders. */
export function fillPath(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') throw new PathValueError(`no value for {${name}} in ${template}`);
    return encodeURIComponent(String(value));
  });
}
