/** Matches a path against a template with `{name}` segments. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const value = p[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (value === '') return undefined;
      params[seg.slice(1, -1)] = decodeURIComponent(value);
    } else if (seg !== value) {
      return undefined;
    }
  }
  return params;
}
