// The ZIP reader moved to libs/database, where the Anlagen check (libs/applications) can reach it too.
export {
  inspectZip,
  readEntryPrefix,
  verifyInflatedSizes,
  type ZipDirectory,
  type ZipEntry,
  ZipEntryOverflowError,
  ZipInspectionError,
  type ZipProblem,
} from '@foerderfluss/database';
