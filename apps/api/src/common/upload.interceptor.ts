import os from 'node:os';
import { BadRequestException, CallHandler, ExecutionContext, NestInterceptor, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { from, mergeAll, Observable } from 'rxjs';

/** What multer refused while receiving, for the subclass to turn into its German problem. */
export type UploadRefusal = 'too-large' | 'unsupported' | 'bad-request';

/**
 * Nest's FileInterceptor for one multipart field `file` with a size limit known only at runtime
 * (from the configuration, so it cannot go into a decorator): the body goes to a temporary file and
 * stops at the limit. Each upload route (Belegliste, Anlagen) says in `refuse` which German problem
 * a refusal becomes; only the receiving is translated, the handler's own errors pass unchanged.
 */
export abstract class SingleFileUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  protected constructor(maxBytes: number) {
    const Inner = FileInterceptor('file', {
      dest: os.tmpdir(),
      defParamCharset: 'utf8',
      limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 10 },
    });
    this.inner = new Inner({}) as NestInterceptor;
  }

  protected abstract refuse(reason: UploadRefusal): Error;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const received = Promise.resolve(this.inner.intercept(context, next)).catch((err: unknown) => {
      if (err instanceof PayloadTooLargeException) throw this.refuse('too-large');
      if (err instanceof UnsupportedMediaTypeException) throw this.refuse('unsupported');
      if (err instanceof BadRequestException) throw this.refuse('bad-request');
      throw err;
    });
    return from(received).pipe(mergeAll());
  }
}
