// A strict, small reader for the YAML that generated suites are made of: block mappings and
// sequences, flow mappings and sequences, quoted strings, and plain scalars that are plainly
// strings, decimal numbers, booleans or null. Anything else (comments, block scalars, anchors,
// tags, multi-line scalars, hex or octal numbers, dates, …) makes it return undefined, and the
// caller uses the full YAML parser. The yaml library's cold start costs ~0.3 ms per test; this
// costs a few microseconds. Equivalence with the yaml library is tested on every shape it accepts.

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

const KEY = /^([A-Za-z_$][\w.$-]*|"(?:[^"\\]|\\["\\/bfnrt])*"|'(?:[^']|'')*')/;

function resolvePlain(text: string, flow: boolean): unknown {
  const s = text.trim();
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^(0|-?[1-9][0-9]{0,14})$/.test(s)) return Number(s);
  if (/^-?(0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/.test(s) && Number(s) !== 0) return Number(s);
  // Everything else a plain scalar could mean (numbers in other notations, .inf, dates, indicators) goes to the real parser.
  if (/^[-?:,[\]{}#&*!|>'"%@`0-9+.]/.test(s) || /:(\s|$)|\s#/.test(s)) bail();
  if (flow && /[,[\]{}]/.test(s)) bail();
  if (/[\t\\]/.test(s)) bail();
  return s;
}

function quoted(text: string): string {
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\["\\/bfnrt])*"$/.test(text)) bail();
    return JSON.parse(text) as string;
  }
  if (!/^'(?:[^']|'')*'$/.test(text)) bail();
  return text.slice(1, -1).replace(/''/g, "'");
}

/** Parses one flow collection or scalar starting at `i`; returns the value and where it ended. */
function flowValue(s: string, i: number, inFlow: boolean): [unknown, number] {
  while (s[i] === ' ') i++;
  const c = s[i];
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    const out: Record<string, unknown> | unknown[] = c === '{' ? {} : [];
    i++;
    for (;;) {
      while (s[i] === ' ') i++;
      if (s[i] === close) return [out, i + 1];
      if (Array.isArray(out)) {
        const [v, j] = flowValue(s, i, true);
        out.push(v);
        i = j;
      } else {
        const m = KEY.exec(s.slice(i));
        if (!m) return bail();
        const key = m[0].startsWith('"') || m[0].startsWith("'") ? quoted(m[0]) : m[0];
        i += m[0].length;
        while (s[i] === ' ') i++;
        if (s[i] !== ':' || (s[i + 1] !== ' ' && s[i + 1] !== undefined)) bail();
        if (key in out) bail();
        const [v, j] = flowValue(s, i + 1, true);
        out[key] = v;
        i = j;
      }
      while (s[i] === ' ') i++;
      if (s[i] === ',') i++;
      else if (s[i] !== close) bail();
    }
  }
  if (c === '"' || c === "'") {
    const end = c === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(s.slice(i)) : /^'(?:[^']|'')*'/.exec(s.slice(i));
    if (!end) return bail();
    return [quoted(end[0]), i + end[0].length];
  }
  let j = i;
  if (inFlow) while (j < s.length && !',]}'.includes(s[j] as string)) j++;
  else j = s.length;
  return [resolvePlain(s.slice(i, j), inFlow), j];
}

function inline(text: string): unknown {
  const [v, end] = flowValue(text, 0, false);
  if (text.slice(end).trim() !== '') bail();
  return v;
}

interface Line {
  indent: number;
  text: string;
}

/** Parses the block node whose first line is `lines[at]` with indentation `indent`. */
function block(lines: Line[], at: number, indent: number): [unknown, number] {
  const first = lines[at];
  if (!first) return bail();
  if (first.text === '-' || first.text.startsWith('- ')) {
    const out: unknown[] = [];
    let i = at;
    while (i < lines.length && lines[i]?.indent === indent && (lines[i]?.text === '-' || lines[i]?.text.startsWith('- '))) {
      const rest = (lines[i]?.text ?? '').slice(1).trimStart();
      if (rest === '') {
        const nested = lines[i + 1];
        if (!nested || nested.indent <= indent) {
          out.push(null);
          i++;
          continue;
        }
        const [v, j] = block(lines, i + 1, nested.indent);
        out.push(v);
        i = j;
        continue;
      }
      // "- key: value" opens a mapping whose keys sit at the column after "- ".
      const col = indent + ((lines[i]?.text.length ?? 0) - rest.length);
      if (KEY.test(rest) && /^([A-Za-z_$][\w.$-]*|"[^"]*"|'[^']*'):(\s|$)/.test(rest)) {
        const sub = [{ indent: col, text: rest }, ...lines.slice(i + 1)];
        const [v, j] = block(sub, 0, col);
        out.push(v);
        i = i + j;
        continue;
      }
      out.push(inline(rest));
      i++;
      if (i < lines.length && (lines[i]?.indent ?? 0) > indent) bail();
    }
    return [out, i];
  }
  const out: Record<string, unknown> = {};
  let i = at;
  while (i < lines.length && lines[i]?.indent === indent) {
    const text = lines[i]?.text ?? '';
    if (text.startsWith('- ')) break;
    const m = KEY.exec(text);
    if (!m || text[m[0].length] !== ':' || (text[m[0].length + 1] !== ' ' && text.length !== m[0].length + 1)) return bail();
    const key = m[0].startsWith('"') || m[0].startsWith("'") ? quoted(m[0]) : m[0];
    if (key in out || key === '<<') bail();
    const rest = text.slice(m[0].length + 1).trim();
    i++;
    if (rest === '') {
      const next = lines[i];
      if (next && (next.indent > indent || (next.indent === indent && (next.text === '-' || next.text.startsWith('- '))))) {
        const [v, j] = block(lines, i, next.indent);
        out[key] = v;
        i = j;
      } else out[key] = null;
    } else {
      out[key] = inline(rest);
      if (i < lines.length && (lines[i]?.indent ?? 0) > indent) bail();
    }
  }
  return [out, i];
}

/** The value of a YAML text in the subset above, or undefined when the text needs the full parser. */
export function parseYamlSubset(text: string): unknown {
  if (/[#\t&*!|>%@`]|^---|^\.\.\./m.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/'(?:[^']|'')*'/g, "''"))) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const t = raw.replace(/\r$/, '');
    const indent = t.length - t.trimStart().length;
    lines.push({ indent, text: t.trim() });
  }
  if (lines.length === 0) return undefined;
  try {
    const [v, end] = block(lines, 0, lines[0]?.indent ?? 0);
    return end === lines.length ? v : undefined;
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
}
