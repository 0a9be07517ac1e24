import { mkdtemp, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { s3ClientConfig } from '@foerderfluss/database';

/**
 * An S3 server for tests: s3rver (the maintained @20minutes fork; a real HTTP S3 implementation
 * on a temp directory) in this process on a random port. s3rver lacks two operations the storage
 * needs, ListMultipartUploads and AbortMultipartUpload (it answers NotImplemented / 405); they are
 * added here on top of s3rver's own upload directory, answering as S3 documents them, so
 * `purgeIncomplete` and lib-storage's abort of a failed upload can be tested against a server.
 */

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
  req: IncomingMessage;
  res: ServerResponse;
}
interface S3rverStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
}
interface S3rverInstance {
  middleware: Array<(ctx: KoaContext, next: () => Promise<void>) => Promise<void>>;
  store: S3rverStore;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** The fixed credentials s3rver checks signatures with. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class TestS3Server {
  private constructor(
    private readonly server: S3rverInstance,
    readonly directory: string,
    readonly endpoint: string,
  ) {}

  /** `multipartExtras: false`: s3rver as it is (without ListMultipartUploads/AbortMultipartUpload). */
  static async start(options: { multipartExtras?: boolean } = {}): Promise<TestS3Server> {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'ff-s3rver-'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const S3rver = require('@20minutes/s3rver') as S3rverClass;
    // s3rver computes SigV4 over a canonical request that differs from the current SDK's in details
    // (it refuses every request otherwise); signatures are not what these tests are about.
    const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [], allowMismatchedSignatures: true });
    const self = new TestS3Server(server, directory, '');
    // Koa composes its middleware when the server starts listening: this runs before s3rver's router.
    if (options.multipartExtras !== false) server.middleware.unshift((ctx, next) => self.multipartExtras(ctx, next));
    const address = await server.run();
    return Object.assign(self, { endpoint: `http://127.0.0.1:${address.port}` });
  }

  /** The environment of an app using this server (FILE_STORAGE=s3). */
  env(bucket: string, prefix = ''): Record<string, string> {
    return {
      FILE_STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: this.endpoint,
      S3_REGION: 'eu-central-1',
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: prefix,
    };
  }

  client(): S3Client {
    return new S3Client(
      s3ClientConfig({ bucket: '', endpoint: this.endpoint, region: 'eu-central-1', ...S3RVER_CREDENTIALS, forcePathStyle: true, prefix: '', partSizeBytes: 5 * 1024 * 1024, queueSize: 1, timeoutMs: 10000 }),
    );
  }

  async createBucket(bucket: string): Promise<void> {
    const client = this.client();
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    } finally {
      client.destroy();
    }
  }

  /** Makes an object look last written at `when` (s3rver takes LastModified from the file's mtime). */
  async ageObject(bucket: string, objectKey: string, when: Date): Promise<void> {
    await utimes(this.server.store.getResourcePath(bucket, objectKey, 'object'), when, when);
  }

  /** Makes every unfinished multipart upload of the bucket look initiated at `when`. */
  async ageUploads(bucket: string, when: Date): Promise<void> {
    for (const u of await this.uploads(bucket)) await utimes(u.dir, when, when);
  }

  async uploads(bucket: string): Promise<Array<{ dir: string; uploadId: string; key: string; initiated: Date }>> {
    const root = this.server.store.getResourcePath(bucket, undefined, 'uploads');
    let ids: string[];
    try {
      ids = await readdir(root);
    } catch {
      return [];
    }
    const out = [];
    for (const uploadId of ids) {
      const dir = path.join(root, uploadId);
      try {
        out.push({ dir, uploadId, key: await readFile(path.join(dir, 'key'), 'utf8'), initiated: (await stat(dir)).mtime });
      } catch {
        // completed meanwhile
      }
    }
    return out.sort((a, b) => (a.key === b.key ? a.uploadId.localeCompare(b.uploadId) : a.key.localeCompare(b.key)));
  }

  async close(): Promise<void> {
    await this.server.close();
    await rm(this.directory, { recursive: true, force: true });
  }

  private async multipartExtras(ctx: KoaContext, next: () => Promise<void>): Promise<void> {
    const bucketOnly = /^\/([^/]+)\/?$/.exec(ctx.path);
    if (ctx.method === 'GET' && bucketOnly && 'uploads' in ctx.query) {
      const bucket = bucketOnly[1];
      const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
      const uploads = (await this.uploads(bucket)).filter((u) => u.key.startsWith(prefix));
      ctx.status = 200;
      ctx.type = 'application/xml';
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        `<Bucket>${xml(bucket)}</Bucket><Prefix>${xml(prefix)}</Prefix><IsTruncated>false</IsTruncated>` +
        uploads.map((u) => `<Upload><Key>${xml(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`).join('') +
        '</ListMultipartUploadsResult>';
      return;
    }
    const object = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    const uploadId = ctx.query.uploadId;
    if (ctx.method === 'DELETE' && object && typeof uploadId === 'string') {
      if (!/^[0-9a-f]+$/.test(uploadId)) throw new Error('bad upload id');
      const dir = path.join(this.server.store.getResourcePath(object[1], undefined, 'uploads'), uploadId);
      const exists = await stat(dir).then(
        () => true,
        () => false,
      );
      if (!exists) {
        ctx.status = 404;
        ctx.type = 'application/xml';
        ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>';
        return;
      }
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    await next();
  }
}
