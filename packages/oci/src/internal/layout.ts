import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { type Descriptor, MEDIA } from './image.js';

/**
 * An OCI image layout folder (`oci-layout`, `index.json`, `blobs/sha256/…`), readable by skopeo
 * (`oci:DIR:tag`), umoci and `docker load`-style tools. Blobs already present are not written again.
 */
export class OciLayout {
  constructor(readonly dir: string) {}

  blobPath(digest: string): string {
    const [algo, hex] = digest.split(':');
    return path.join(this.dir, 'blobs', algo ?? 'sha256', hex ?? '');
  }

  /** True when the blob is there with the expected size. */
  async has(digest: string, size: number): Promise<boolean> {
    const s = await stat(this.blobPath(digest)).catch(() => undefined);
    return s?.size === size;
  }

  /** Writes a blob through a temp file, checking its digest before it gets its name. Returns bytes written. */
  async writeBlob(digest: string, size: number, source: Buffer | AsyncIterable<Buffer>): Promise<number> {
    if (await this.has(digest, size)) return 0;
    const target = this.blobPath(digest);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    const hash = createHash('sha256');
    const out = createWriteStream(tmp);
    try {
      const chunks = Buffer.isBuffer(source) ? [source] : source;
      for await (const c of chunks) {
        hash.update(c);
        if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      out.end();
      await finished(out);
      const actual = `sha256:${hash.digest('hex')}`;
      if (actual !== digest) throw new Error(`blob written as ${actual}, expected ${digest}`);
      await rename(tmp, target);
    } catch (error) {
      out.destroy();
      await rm(tmp, { force: true });
      throw error;
    }
    return size;
  }

  /** Adds (or replaces) a manifest in index.json under the tag `ref`. */
  async tag(descriptor: Descriptor, ref: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
    const indexFile = path.join(this.dir, 'index.json');
    const index = (await readFile(indexFile, 'utf8')
      .then((t) => JSON.parse(t) as { manifests?: Descriptor[] })
      .catch(() => ({}))) as { manifests?: Descriptor[] };
    const manifests = (index.manifests ?? []).filter((m) => m.annotations?.['org.opencontainers.image.ref.name'] !== ref);
    manifests.push({ ...descriptor, annotations: { ...descriptor.annotations, 'org.opencontainers.image.ref.name': ref } });
    manifests.sort((a, b) =>
      (a.annotations?.['org.opencontainers.image.ref.name'] ?? '').localeCompare(b.annotations?.['org.opencontainers.image.ref.name'] ?? ''),
    );
    const tmp = `${indexFile}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests }, null, 2)}\n`);
    await rename(tmp, indexFile);
  }
}
