/** What request logging always masks: e-mail addresses, API keys and bearer tokens, card-like digit runs. */
const BUILT_IN = [/[\w.+-]+@[\w-]+\.[\w.-]+/g, /\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, /\b\d(?:[ -]?\d){12,18}\b/g];

/** A function that masks the built-in patterns and `extra` (regular expressions) with `[redacted]`. */
export function redactor(extra: readonly string[]): (text: string) => string {
  const patterns = [...BUILT_IN, ...extra.map((p) => new RegExp(p, 'g'))];
  return (text) => patterns.reduce((t, re) => t.replace(re, '[redacted]'), text);
}
