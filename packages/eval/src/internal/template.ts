/**
 * Renders `{{ name }}` and `{{ name.path }}` from variables. Objects render as JSON; an unknown
 * variable renders empty, as promptfoo's nunjucks does, so a test can leave one out.
 */
export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  if (!template.includes('{{')) return template;
  return template.replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, (_, name: string) => {
    let value: unknown = vars;
    for (const part of name.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** Renders every string inside a JSON-like value (the http provider's body). */
export function renderDeep(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') return renderTemplate(value, vars);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, vars));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, vars)]));
  return value;
}

/** Reads `a.b.0.c` from parsed JSON; undefined when any step is missing. */
export function jsonPath(value: unknown, path: string): unknown {
  if (path === '' || path === '$') return value;
  let v: unknown = value;
  for (const part of path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter(Boolean)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
