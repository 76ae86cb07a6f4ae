/**
 * The two patch formats the fake API server applies, as the API server does: JSON Patch (RFC 6902)
 * and JSON Merge Patch (RFC 7386). Written from the RFCs for the fake; a bad patch throws
 * PatchError, which the fake answers with the status the real server gives.
 */
type Json = unknown;
type Obj = Record<string, unknown>;

export class PatchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const clone = <T>(v: T): T => structuredClone(v);

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`"${pointer}" is not a JSON pointer`, 400);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, path: string): { parent: Obj | Json[]; key: string } {
  const parts = tokens(path);
  const key = parts.pop();
  if (key === undefined) throw new PatchError('the root cannot be patched by this op', 400);
  let node: Json = doc;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') throw new PatchError(`path ${path}: no such parent`, 422);
    node = Array.isArray(node) ? node[Number(part)] : (node as Obj)[part];
    if (node === undefined) throw new PatchError(`path ${path}: "${part}" does not exist`, 422);
  }
  if (node === null || typeof node !== 'object') throw new PatchError(`path ${path}: parent is not a container`, 422);
  return { parent: node as Obj | Json[], key };
}

function index(arr: Json[], key: string, path: string, forAdd: boolean): number {
  if (forAdd && key === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new PatchError(`path ${path}: "${key}" is not an array index`, 422);
  const i = Number(key);
  if (i > arr.length || (!forAdd && i === arr.length)) throw new PatchError(`path ${path}: index ${i} out of range`, 422);
  return i;
}

function get(doc: Json, path: string): Json {
  let node = doc;
  for (const part of tokens(path)) {
    if (node === null || typeof node !== 'object') throw new PatchError(`path ${path} does not exist`, 422);
    node = Array.isArray(node) ? node[Number(part)] : (node as Obj)[part];
    if (node === undefined) throw new PatchError(`path ${path} does not exist`, 422);
  }
  return node;
}

function remove(doc: Json, path: string): Json {
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) return parent.splice(index(parent, key, path, false), 1)[0];
  if (!(key in parent)) throw new PatchError(`path ${path} does not exist`, 422);
  const old = parent[key];
  delete parent[key];
  return old;
}

function add(doc: Json, path: string, value: Json): Json {
  if (path === '') return value;
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(index(parent, key, path, true), 0, value);
  else parent[key] = value;
  return doc;
}

/** RFC 6902. The body must be an array of operations; any failing op fails the whole patch. */
export function applyJsonPatch(original: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be an array of operations', 400);
  let doc = clone(original);
  for (const raw of ops) {
    const op = raw as { op?: unknown; path?: unknown; value?: unknown; from?: unknown };
    if (typeof op?.path !== 'string') throw new PatchError(`operation ${JSON.stringify(raw)} has no path`, 400);
    const needsValue = op.op === 'add' || op.op === 'replace' || op.op === 'test';
    if (needsValue && !('value' in op)) throw new PatchError(`operation ${op.op} ${op.path} has no value`, 400);
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, clone(op.value));
        break;
      case 'remove':
        remove(doc, op.path);
        break;
      case 'replace':
        if (op.path === '') doc = clone(op.value);
        else {
          remove(doc, op.path);
          doc = add(doc, op.path, clone(op.value));
        }
        break;
      case 'move':
      case 'copy': {
        if (typeof op.from !== 'string') throw new PatchError(`operation ${op.op} has no from`, 400);
        const value = op.op === 'move' ? remove(doc, op.from) : clone(get(doc, op.from));
        doc = add(doc, op.path, value);
        break;
      }
      case 'test':
        if (JSON.stringify(get(doc, op.path)) !== JSON.stringify(op.value)) throw new PatchError(`test of ${op.path} failed`, 422);
        break;
      default:
        throw new PatchError(`unknown JSON patch operation ${JSON.stringify(op.op)}`, 400);
    }
  }
  return doc;
}

/** RFC 7386: objects merge key by key, null deletes, anything else (arrays too) replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out: Obj = target !== null && typeof target === 'object' && !Array.isArray(target) ? clone(target as Obj) : {};
  for (const [key, value] of Object.entries(patch as Obj)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}
