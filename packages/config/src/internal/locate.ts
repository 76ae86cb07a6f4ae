import { type Document, isMap, isNode, isPair, isScalar, isSeq, type LineCounter } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

/**
 * The position of the value at `path` in a parsed YAML document, or of the deepest
 * ancestor that exists (a missing key is reported where its parent is).
 * With `atKey`, points at the last key itself rather than its value (for unknown keys).
 */
export function locate(doc: Document, counter: LineCounter, path: readonly PropertyKey[], atKey = false): Position {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const last = i === path.length - 1;
      if (last && atKey) {
        offset = rangeStart(pair.key) ?? offset;
        break;
      }
      node = pair.value;
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      break;
    }
  }
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}
