import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@foerderfluss/core';
import { type FileStorage, LocalFileStorage } from './file-storage';
import { S3FileStorage } from './s3-file-storage';

/** The one place that decides where files live: FILE_STORAGE=local (FILE_STORAGE_DIR, the default) or s3 (S3_*). */
export function createFileStorage(config: Pick<AppConfig, 'fileStorage' | 'fileStorageDir' | 's3'>): FileStorage {
  if (config.fileStorage === 's3') {
    // loadConfig refuses FILE_STORAGE=s3 without S3_BUCKET; this guards hand-made configs in tests.
    if (!config.s3) throw new Error('FILE_STORAGE=s3 without S3 configuration');
    return S3FileStorage.fromConfig(config.s3);
  }
  return LocalFileStorage.fromConfig(config);
}

/** A Nest provider of the configured FileStorage under `token` (exports, letters, imports, Anlagen each have theirs). */
export function fileStorageProvider(token: symbol): Provider {
  return { provide: token, inject: [APP_CONFIG], useFactory: (config: AppConfig): FileStorage => createFileStorage(config) };
}
