/**
 * How the schema files beside this script were made (run once, by hand, with the upstream
 * repositories checked out; CI never runs it). Each file is one published schema with every
 * `description` removed (they are half the bytes and no check reads them); nothing else changes.
 *
 *   npx tsx vendor.ts <kubernetes-client/python> <gateway-api> <istio> <argo-rollouts>
 *
 * SOURCES.md beside it names the repository, tag or commit and path of each.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

type Json = Record<string, unknown>;
const here = path.dirname(new URL(import.meta.url).pathname);
const [python, gatewayApi, istio, argo] = process.argv.slice(2) as [string, string, string, string];

const show = (repo: string, ref: string) => execFileSync('git', ['-C', repo, 'show', ref], { maxBuffer: 64 << 20 }).toString('utf8');

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Json)
      .filter(([k, v]) => !(k === 'description' && typeof v === 'string'))
      .map(([k, v]) => [k, strip(v)]),
  );
}

const write = (name: string, value: unknown) => writeFileSync(path.join(here, name), `${JSON.stringify(strip(value))}\n`);

// Kubernetes 1.36 OpenAPI (swagger 2.0), as kubernetes-client/python vendors it: only the
// apps/v1 Deployment paths and the definitions and parameters they reach.
const swagger = JSON.parse(show(python, 'HEAD:kubernetes/swagger.json.unprocessed')) as Json;
const paths = Object.fromEntries(
  Object.entries(swagger.paths as Json).filter(([p]) => p.startsWith('/apis/apps/v1/namespaces/{namespace}/deployments/{name}')),
);
const definitions: Json = {};
const parameters: Json = {};
const reach = (node: unknown): void => {
  if (Array.isArray(node)) {
    for (const n of node) reach(n);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const ref = (node as Json).$ref;
  if (typeof ref === 'string') {
    const [, section, name] = ref.split('/') as [string, string, string];
    const bucket = section === 'definitions' ? definitions : parameters;
    if (!(name in bucket)) {
      bucket[name] = (swagger[section] as Json)[name];
      reach(bucket[name]);
    }
  }
  for (const v of Object.values(node as Json)) reach(v);
};
reach(paths);
write('kubernetes-apps-v1.json', { swagger: swagger.swagger, info: swagger.info, paths, definitions, parameters });

const crd = (text: string, kind: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Json)
    .find((d) => d?.kind === 'CustomResourceDefinition' && ((d.spec as Json).names as Json).kind === kind);
write('httproute-crd.json', crd(show(gatewayApi, 'v1.6.1:config/crd/standard/gateway.networking.k8s.io_httproutes.yaml'), 'HTTPRoute'));
write('virtualservice-crd.json', crd(show(istio, '1.30.3:manifests/charts/base/files/crd-all.gen.yaml'), 'VirtualService'));
write('rollout-crd.json', crd(show(argo, 'v1.9.1:manifests/crds/rollout-crd.yaml'), 'Rollout'));
