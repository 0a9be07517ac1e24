import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Logger } from '@nestjs/common';
import type { S3StorageConfig } from '@foerderfluss/core';
import { type FileStorage, type StoredFile, storedFileNotFound, validateStorageKey } from './file-storage';

export interface S3FileStorageOptions {
  readonly bucket: string;
  /** Keys live under `<prefix>/`; '' for the bucket root. */
  readonly prefix?: string;
  /** Size of one multipart part (S3: at least 5 MiB). */
  readonly partSizeBytes: number;
  /** Parts in flight at once. */
  readonly queueSize: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.Code === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/** The S3 client of an S3StorageConfig (endpoint, region, path style, static keys or the AWS default chain). */
export function s3ClientConfig(config: S3StorageConfig): S3ClientConfig {
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
    // Without these the SDK waits forever on a store that accepted the connection and went silent
    // (a hung export job). The socket timeout is idle time, so long downloads are not cut.
    requestHandler: { connectionTimeout: config.timeoutMs, socketTimeout: config.timeoutMs },
    // Since SDK 3.729 every request carries CRC checksums by default; several S3-compatible stores
    // (older MinIO, Ceph, test servers) refuse them. S3 needs them only where an API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/**
 * FileStorage in an S3-compatible bucket (AWS S3, MinIO, …), so api and workers need no shared
 * disk. A put is a streamed multipart upload (lib-storage): at most about
 * partSize × (queueSize + 1) bytes are held, however large the file, and the object becomes visible
 * under its key only when the upload completes, so a killed worker leaves at most an unfinished
 * multipart upload (aborted by `purgeIncomplete`), never a half file, and readers see the old or the
 * new object.
 */
export class S3FileStorage implements FileStorage {
  private readonly logger = new Logger('S3FileStorage');
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(
    readonly client: S3Client,
    options: S3FileStorageOptions,
    /** Whether the client was created for this storage and is destroyed with it. */
    private readonly ownsClient = false,
  ) {
    this.bucket = options.bucket;
    this.prefix = (options.prefix ?? '').replace(/\/+$/, '');
    if (this.prefix !== '') validateStorageKey(this.prefix);
    if (options.partSizeBytes < MIN_PART_SIZE) throw new Error(`S3 part size must be at least ${MIN_PART_SIZE} bytes`);
    this.partSize = options.partSizeBytes;
    this.queueSize = Math.max(1, options.queueSize);
  }

  static fromConfig(config: S3StorageConfig): S3FileStorage {
    return new S3FileStorage(new S3Client(s3ClientConfig(config)), config, true);
  }

  /** Nest calls this on shutdown: closes the client's keep-alive sockets. */
  onModuleDestroy(): void {
    if (this.ownsClient) this.client.destroy();
  }

  /** The object key of a storage key (validated; prefixed). */
  objectKey(key: string): string {
    validateStorageKey(key);
    return this.prefix === '' ? key : `${this.prefix}/${key}`;
  }

  private storageKey(objectKey: string): string | null {
    const rest = this.prefix === '' ? objectKey : objectKey.startsWith(`${this.prefix}/`) ? objectKey.slice(this.prefix.length + 1) : null;
    if (rest === null) return null;
    try {
      validateStorageKey(rest);
      return rest;
    } catch {
      return null; // an object not written by put (e.g. a folder marker of a console): never a key
    }
  }

  private get listPrefix(): string | undefined {
    return this.prefix === '' ? undefined : `${this.prefix}/`;
  }

  async put(key: string, source: Readable | AsyncIterable<Uint8Array>): Promise<StoredFile> {
    const Key = this.objectKey(key);
    const body = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: Key, Body: body },
      partSize: this.partSize,
      queueSize: this.queueSize,
      // A failed put aborts its multipart upload at once; purgeIncomplete is for killed processes.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      // The source may still be flowing (a failed upload): stop it so the producer is not left waiting.
      if (!body.destroyed) body.destroy();
      throw err;
    }
    const stored = await this.stat(key);
    if (!stored) throw new Error(`S3 object ${Key} missing right after its upload completed`);
    return stored;
  }

  async openRead(key: string): Promise<Readable> {
    const Key = this.objectKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      // In Node the body is an http.IncomingMessage (a Readable).
      if (!(res.Body instanceof Readable)) throw new Error(`S3 GetObject ${Key}: body is not a Node stream`);
      return res.Body;
    } catch (err) {
      if (isNotFound(err)) throw storedFileNotFound();
      throw err;
    }
  }

  async stat(key: string): Promise<StoredFile | null> {
    const Key = this.objectKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return { key, size: Number(head.ContentLength ?? 0), modifiedAt: head.LastModified ?? new Date(0) };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<boolean> {
    // DeleteObject succeeds for a missing key too; the callers want to know whether there was one.
    if ((await this.stat(key)) === null) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    return true;
  }

  async listOlderThan(cutoff: Date): Promise<string[]> {
    const keys: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.listPrefix, ContinuationToken }));
      for (const object of page.Contents ?? []) {
        const key = object.Key ? this.storageKey(object.Key) : null;
        if (key !== null && object.LastModified && object.LastModified < cutoff) keys.push(key);
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return keys.sort();
  }

  async purgeIncomplete(cutoff: Date): Promise<number> {
    let removed = 0;
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    for (;;) {
      let page;
      try {
        page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: this.listPrefix, KeyMarker, UploadIdMarker }));
      } catch (err) {
        // A store without this API (some S3-compatible ones) must not fail the whole cleanup job:
        // its own expiry of stale uploads (or a bucket lifecycle rule) is then the only net.
        if ((err as { name?: string }).name !== 'NotImplemented') throw err;
        this.logger.warn(`S3 store does not list unfinished multipart uploads (NotImplemented); leftovers of killed workers are not removed by the cleanup`);
        return removed;
      }
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= cutoff) continue;
        try {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }));
          removed++;
        } catch (err) {
          if (!isNotFound(err) && (err as { name?: string }).name !== 'NoSuchUpload') throw err; // finished or aborted meanwhile
        }
      }
      if (!page.IsTruncated) return removed;
      KeyMarker = page.NextKeyMarker;
      UploadIdMarker = page.NextUploadIdMarker;
    }
  }
}
