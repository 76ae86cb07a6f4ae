/**
 * The published schemas the fake API server checks against (see schemas/SOURCES.md), turned into
 * ajv validators the way the API server reads them: unknown fields are errors (as with
 * fieldValidation=Strict) unless `x-kubernetes-preserve-unknown-fields`; int-or-string and
 * nullable honoured; a custom resource's `metadata` checked as the core ObjectMeta.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type Json = Record<string, unknown>;
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: unknown }[] | null };
type AjvLike = { compile(schema: unknown): Validate };
const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: new (o: object) => AjvLike }).default;
const here = path.dirname(new URL(import.meta.url).pathname);
const load = (file: string) => JSON.parse(readFileSync(path.join(here, 'schemas', file), 'utf8')) as Json;

/** One kind of object the fake serves: where it lives and what it must look like. */
export interface KindSchema {
  kind: string;
  group: string;
  /** Served versions; the first is the one the fake stores. */
  versions: string[];
  plural: string;
  /** Subresources that exist (`status`, `scale`). */
  subresources: string[];
  /** PATCH content types the server accepts for this kind. */
  patchTypes: string[];
  /** Query parameters the PATCH operation declares. */
  patchParams: string[];
  /** HTTP methods that exist on an object's path. */
  methods: string[];
  /** Checks a whole object; returns the problems, empty when valid. */
  validate(version: string, object: unknown): string[];
}

/** Swagger 2.0 / CRD structural schema -> JSON Schema with the API server's strictness. */
function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (node === null || typeof node !== 'object') return node;
  const s = node as Json;
  if (typeof s.$ref === 'string') return { $ref: s.$ref };
  if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') return { anyOf: [{ type: 'integer' }, { type: 'string' }] };
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'format' || k === 'default' || k === 'example') continue;
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v as Json).map(([p, sub]) => [p, strictify(sub)]));
    else if (k === 'items' || k === 'additionalProperties' || k === 'not') out[k] = typeof v === 'object' ? strictify(v) : v;
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') out[k] = (v as unknown[]).map(strictify);
    else if (k !== 'nullable') out[k] = v;
  }
  if (s.properties && s.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  if (s.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

const errorsOf = (v: Validate) =>
  (v.errors ?? []).slice(0, 4).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);

/** Loads every schema once and compiles validators lazily. */
export function loadKindSchemas(): Map<string, KindSchema> {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const apps = load('kubernetes-apps-v1.json');
  const definitions = Object.fromEntries(Object.entries(apps.definitions as Json).map(([name, d]) => [name, strictify(d)]));
  const withDefinitions = (schema: unknown) => ({ ...(schema as Json), definitions });
  const kinds = new Map<string, KindSchema>();

  // Deployments: everything from the Kubernetes OpenAPI paths.
  const objectPath = (apps.paths as Json)['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'] as Json;
  const patchOp = objectPath.patch as Json;
  const paramName = (p: Json) => (typeof p.$ref === 'string' ? ((apps.parameters as Json)[p.$ref.split('/').pop() as string] as Json).name : p.name) as string;
  let deployment: Validate | undefined;
  kinds.set('deployments', {
    kind: 'Deployment',
    group: 'apps',
    versions: ['v1'],
    plural: 'deployments',
    subresources: ['status', 'scale'].filter((s) => `/apis/apps/v1/namespaces/{namespace}/deployments/{name}/${s}` in (apps.paths as Json)),
    patchTypes: patchOp.consumes as string[],
    patchParams: [...((objectPath.parameters as Json[]) ?? []), ...((patchOp.parameters as Json[]) ?? [])]
      .filter((p) => paramName(p) !== 'body')
      .map(paramName),
    methods: Object.keys(objectPath)
      .filter((m) => m !== 'parameters')
      .map((m) => m.toUpperCase()),
    validate(_version, object) {
      deployment ??= ajv.compile(withDefinitions({ $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' }));
      return deployment(object) ? [] : errorsOf(deployment);
    },
  });

  // Custom resources: the API server builds their paths from the CRD; strategic merge is not offered.
  for (const file of ['httproute-crd.json', 'virtualservice-crd.json', 'rollout-crd.json']) {
    const crd = load(file);
    const spec = crd.spec as Json;
    const names = spec.names as Json;
    const versions = (spec.versions as Json[]).filter((v) => v.served === true);
    const stored = versions.find((v) => v.storage === true) as Json;
    const validators = new Map<string, Validate>();
    kinds.set(names.plural as string, {
      kind: names.kind as string,
      group: spec.group as string,
      versions: [stored.name as string, ...versions.filter((v) => v !== stored).map((v) => v.name as string)],
      plural: names.plural as string,
      subresources: Object.keys((stored.subresources as Json | undefined) ?? {}),
      patchTypes: ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'],
      patchParams: ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'],
      methods: ['GET', 'PUT', 'PATCH', 'DELETE'],
      validate(version, object) {
        let v = validators.get(version);
        if (!v) {
          const schema = strictify(((versions.find((x) => x.name === version) as Json).schema as Json).openAPIV3Schema) as Json;
          // The API server always accepts apiVersion, kind and ObjectMeta, whether or not the CRD lists them (Istio's does not).
          const properties = {
            ...(schema.properties as Json),
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
          };
          v = ajv.compile(withDefinitions({ ...schema, properties }));
          validators.set(version, v);
        }
        return v(object) ? [] : errorsOf(v);
      },
    });
  }
  return kinds;
}
