import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, type Page, type Scope } from '@foerderfluss/core';
import type { FileStorage } from '@foerderfluss/database';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { AuditService, type ChainVerification, type ChainWalk, GENESIS_HASH } from './audit.service';
import {
  CHECKPOINT_FORMAT,
  type CheckpointFile,
  type CheckpointStatement,
  loadSigningKey,
  type SigningKey,
  signStatement,
  statementSigned,
} from './checkpoint-signing';

/** The FileStorage the checkpoint files go to (the configured one: local folder or S3 bucket). */
export const AUDIT_FILE_STORAGE = Symbol('AUDIT_FILE_STORAGE');
export const CHECKPOINT_DIR = 'audit-checkpoints';
/** The newest checkpoint, overwritten by each: the anchor the chain check reads besides the database. */
export const LATEST_CHECKPOINT_KEY = `${CHECKPOINT_DIR}/latest.json`;

/** A checkpoint as the chain check saw it: from the database (with id and trigger) or only from the file storage. */
export interface CheckpointView {
  id: string | null;
  source: 'database' | 'file';
  createdAt: Date;
  trigger: 'SCHEDULED' | 'MANUAL' | null;
  lastEventId: string | null;
  headHash: string;
  events: number;
  keyId: string;
  fileKey: string | null;
}

export interface ChainReport extends ChainVerification {
  /** The newest signed checkpoint (database or file storage, whichever is newer); null before the first. */
  lastCheckpoint: CheckpointView | null;
  /**
   * Whether the newest checkpoint of the database and the one in the file storage are signed with this
   * installation's key and match the chain as it is now; null when there is none to check.
   */
  checkpointValid: boolean | null;
}

export interface CheckpointFreshness {
  createdAt: Date | null;
  /** Seconds since the newest checkpoint; Infinity before the first. */
  ageSeconds: number;
}

interface Candidate {
  view: CheckpointView;
  statement: CheckpointStatement | null;
  signature: string;
}

function statementOf(row: AuditCheckpoint): CheckpointStatement {
  return { format: CHECKPOINT_FORMAT, createdAt: row.createdAt.toISOString(), lastEventId: row.lastEventId, headHash: row.headHash, events: row.events, keyId: row.keyId };
}

function viewOf(row: AuditCheckpoint): CheckpointView {
  return { id: row.id, source: 'database', createdAt: row.createdAt, trigger: row.trigger, lastEventId: row.lastEventId, headHash: row.headHash, events: row.events, keyId: row.keyId, fileKey: row.fileKey };
}

/** The file's statement if it has the expected shape; null for anything else (a damaged anchor counts as invalid). */
function statementOfFile(file: Partial<CheckpointFile> | null): CheckpointStatement | null {
  const s = file?.statement as Partial<CheckpointStatement> | undefined;
  if (!s || s.format !== CHECKPOINT_FORMAT || typeof s.createdAt !== 'string' || typeof s.headHash !== 'string' || typeof s.events !== 'number' || typeof s.keyId !== 'string') return null;
  if (s.lastEventId !== null && typeof s.lastEventId !== 'string') return null;
  return { format: s.format, createdAt: s.createdAt, lastEventId: s.lastEventId, headHash: s.headHash, events: s.events, keyId: s.keyId };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Anchors the audit chain outside the database (issue 18 item 6). A checkpoint signs the head of the
 * verified chain with an Ed25519 key the database never sees (AUDIT_SIGNING_KEY) and writes the
 * signed statement to the file storage as well. The chain check then also asks whether the newest
 * checkpoints still match: a superuser who rewrites events and recomputes every hash and the head
 * produces a chain that is consistent in itself, but whose hash at the checkpoint's event differs from
 * the signed one, and no new signature can be made without the key.
 */
@Injectable()
export class AuditCheckpointService {
  private key: SigningKey | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointRepository,
    @Inject(AUDIT_FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Loaded on first use, so a process that never signs or checks (seeds) needs no key. */
  signingKey(): SigningKey {
    this.key ??= loadSigningKey(this.config);
    return this.key;
  }

  /** The chain check of `GET /audit-events/verify`: the hash chain and the newest signed checkpoints. */
  async verify(): Promise<ChainReport> {
    return (await this.check()).report;
  }

  private async check(): Promise<{ walk: ChainWalk; report: ChainReport; contradicted: boolean }> {
    const candidates: Candidate[] = [];
    const newest = await this.checkpoints.newest();
    if (newest) candidates.push({ view: viewOf(newest), statement: statementOf(newest), signature: newest.signature });
    const file = await this.readLatestFile();
    // The same checkpoint in both places is checked once; a file newer than the newest row (its
    // row was lost or removed) or a different one is checked as well.
    if (file && file.signature !== newest?.signature) candidates.push(file);
    const anchors = new Set(candidates.map((c) => c.statement?.lastEventId).filter((id): id is string => typeof id === 'string'));
    const walk = await this.audit.walk(anchors);
    const key = this.signingKey();
    const status = (c: Candidate): 'valid' | 'invalid' | 'other-key' => {
      const s = c.statement;
      if (!s) return 'invalid';
      // Signed with an earlier key (AUDIT_SIGNING_KEY was changed): not checkable, so not valid either.
      if (s.keyId !== key.keyId) return 'other-key';
      if (!statementSigned(key.publicKey, s, c.signature)) return 'invalid';
      if (s.lastEventId === null) return s.headHash === GENESIS_HASH && s.events === 0 ? 'valid' : 'invalid';
      const at = walk.anchors.get(s.lastEventId);
      return at !== undefined && at.hash === s.headHash && at.position === s.events ? 'valid' : 'invalid';
    };
    const statuses = candidates.map(status);
    const lastCheckpoint = candidates.map((c) => c.view).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
    return {
      walk,
      // A checkpoint of this key that the chain no longer matches (one of an earlier key proves nothing either way).
      contradicted: statuses.includes('invalid'),
      report: {
        valid: walk.valid,
        checked: walk.checked,
        firstBrokenId: walk.firstBrokenId,
        lastCheckpoint,
        checkpointValid: candidates.length === 0 ? null : statuses.every((st) => st === 'valid'),
      },
    };
  }

  /** `audit-checkpoints/latest.json`, or null when there is none yet. */
  private async readLatestFile(): Promise<Candidate | null> {
    let text: string;
    try {
      text = await readAll(await this.storage.openRead(LATEST_CHECKPOINT_KEY));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'FILE_NOT_FOUND') return null;
      throw err;
    }
    let file: Partial<CheckpointFile> | null;
    try {
      file = JSON.parse(text) as Partial<CheckpointFile>;
    } catch {
      // A damaged anchor file is a finding, not a crash: it counts as an invalid checkpoint.
      file = null;
    }
    const statement = statementOfFile(file);
    const createdAt = statement ? new Date(statement.createdAt) : new Date(0);
    return {
      statement,
      signature: typeof file?.signature === 'string' ? file.signature : '',
      view: {
        id: null,
        source: 'file',
        createdAt: Number.isNaN(createdAt.getTime()) ? new Date(0) : createdAt,
        trigger: null,
        lastEventId: statement?.lastEventId ?? null,
        headHash: statement?.headHash ?? '',
        events: statement?.events ?? 0,
        keyId: statement?.keyId ?? '',
        fileKey: LATEST_CHECKPOINT_KEY,
      },
    };
  }

  /**
   * Verifies the chain, then signs where it ends. Refuses (409) a broken chain or one that no longer
   * matches the last checkpoint: signing it would vouch for the break. A last checkpoint made with an
   * earlier key is no reason to refuse: after a key change the next checkpoint re-anchors the chain. The files are written first,
   * then the row and its audit event in one transaction; a file whose row failed is still a valid,
   * signed statement about the chain. A scheduled job signs once however often it is retried.
   */
  async create(scope: Scope, req: { trigger: 'SCHEDULED' | 'MANUAL'; jobId?: string }): Promise<AuditCheckpoint> {
    if (req.jobId) {
      const done = await this.checkpoints.byJob(req.jobId);
      if (done) return done;
    }
    const { walk, contradicted } = await this.check();
    if (!walk.valid) {
      throw new DomainError('AUDIT_CHAIN_BROKEN', 409, `Die Hash-Kette des Audit-Protokolls ist ab Ereignis ${walk.firstBrokenId ?? '–'} nicht intakt; ein Prüfpunkt würde den Bruch bestätigen und wird nicht signiert.`);
    }
    if (contradicted) {
      throw new DomainError('AUDIT_CHECKPOINT_MISMATCH', 409, 'Die Hash-Kette passt nicht mehr zum letzten signierten Prüfpunkt (sie wurde nachträglich verändert); es wird kein neuer Prüfpunkt signiert.');
    }
    const key = this.signingKey();
    const createdAt = new Date();
    const statement: CheckpointStatement = { format: CHECKPOINT_FORMAT, createdAt: createdAt.toISOString(), lastEventId: walk.lastEventId, headHash: walk.headHash, events: walk.checked, keyId: key.keyId };
    const signature = signStatement(key, statement);
    const file: CheckpointFile = { statement, algorithm: 'Ed25519', signature, publicKey: key.publicKeyPem };
    const fileKey = `${CHECKPOINT_DIR}/${statement.createdAt.replace(/[:.]/g, '-')}-${walk.lastEventId ?? '0'}.json`;
    const bytes = `${JSON.stringify(file, null, 2)}\n`;
    await this.storage.put(fileKey, Readable.from([Buffer.from(bytes)]));
    await this.storage.put(LATEST_CHECKPOINT_KEY, Readable.from([Buffer.from(bytes)]));
    try {
      return await this.dataSource.transaction(async (em) => {
        const row = await this.checkpoints.insert(em, {
          createdAt,
          trigger: req.trigger,
          jobId: req.jobId ?? null,
          requestedBy: scope.userId,
          lastEventId: walk.lastEventId,
          headHash: walk.headHash,
          events: walk.checked,
          keyId: key.keyId,
          algorithm: 'Ed25519',
          signature,
          fileKey,
        });
        await this.audit.record(em, scope, {
          action: 'audit.checkpoint.create',
          entity: 'AuditCheckpoint',
          entityId: row.id,
          after: { trigger: req.trigger, lastEventId: walk.lastEventId, headHash: walk.headHash, events: walk.checked, keyId: key.keyId, fileKey },
        });
        return row;
      });
    } catch (err) {
      // The same job twice at once: the other signed; its row is the answer.
      if (req.jobId && (err as { code?: string }).code === '23505') {
        const done = await this.checkpoints.byJob(req.jobId);
        if (done) return done;
      }
      throw err;
    }
  }

  async list(scope: Scope, limit?: number, cursor?: string): Promise<Page<AuditCheckpoint>> {
    return this.checkpoints.list(scope, { limit, cursor });
  }

  /** Age of the newest checkpoint, for /health; never signed is infinitely old. */
  async freshness(now: number = Date.now()): Promise<CheckpointFreshness> {
    const row = await this.checkpoints.newest();
    if (!row) return { createdAt: null, ageSeconds: Infinity };
    return { createdAt: row.createdAt, ageSeconds: Math.max(0, (now - row.createdAt.getTime()) / 1000) };
  }
}
