import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../../config.js';

/** Where media bytes live. Keys are flat file names such as `<uuid>.webp`. */
export interface MediaStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The stored object, or null when there is none. */
  get(key: string): Promise<{ body: Readable; contentType: string; size?: number } | null>;
  /** A public URL that serves the key directly, or null to serve it through `GET /media/<key>`. */
  directUrl(key: string): string | null;
  /** Removes the object (no error when there is none). */
  delete(key: string): Promise<void>;
}

/** Files under `$DATA_DIR/media`, written atomically (temp file + rename). */
class LocalMediaStorage implements MediaStorage {
  constructor(readonly dir: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${key}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(tmp, body);
    await rename(tmp, join(this.dir, key));
  }

  async get(key: string) {
    const path = join(this.dir, key);
    try {
      const info = await stat(path);
      return { body: createReadStream(path), contentType: 'image/webp', size: info.size };
    } catch {
      return null;
    }
  }

  directUrl(): string | null {
    return null;
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.dir, key), { force: true });
  }
}

/** Any S3-compatible bucket (AWS, MinIO, R2 …) through the AWS SDK v3. */
export class S3MediaStorage implements MediaStorage {
  private readonly client: S3Client;
  constructor(private readonly s3: NonNullable<Config['media']['s3']>) {
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: Boolean(s3.endpoint),
      credentials: s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.s3.bucket,
        Key: `media/${key}`,
        Body: body,
        ContentType: contentType,
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async get(key: string) {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: `media/${key}` }));
      return { body: out.Body as Readable, contentType: out.ContentType ?? 'image/webp', size: out.ContentLength };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  directUrl(key: string): string | null {
    return this.s3.publicUrl ? `${this.s3.publicUrl.replace(/\/$/, '')}/media/${key}` : null;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: `media/${key}` }));
  }
}

export function createMediaStorage(config: Config): MediaStorage {
  if (config.media.storage === 's3' && config.media.s3) return new S3MediaStorage(config.media.s3);
  return new LocalMediaStorage(join(config.dataDir, 'media'));
}
