import { rm } from 'node:fs/promises';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, DomainError, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { JobProducer, jobId } from '@foerderfluss/jobs';
import { importFileMissing, importFileTooLarge, ReceiptImportService, ReceiptTemplateService } from '@foerderfluss/proof-of-use';
import { CurrentUser, Roles } from '../auth/decorators';
import { SingleFileUploadInterceptor, UploadRefusal } from '../common/upload.interceptor';
import { ListQueryDto } from '../common/dto';
import { uuidPipe } from '../common/uuid.pipe';
import { RECEIPT_IMPORT_UPLOAD_SCHEMA, ReceiptImportDto, ReceiptImportPageDto, ReceiptImportUploadDto, toReceiptImportDto } from './receipt-import.dto';
import { EVERYONE } from '../auth/role-groups';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_JOB = 'proof-of-use.import-receipts' as const;

interface ReceivedFile {
  path: string;
  originalname: string;
  size: number;
}

const uploadRefused = (status: 400 | 415): DomainError =>
  new DomainError(
    status === 415 ? 'IMPORT_UPLOAD_NOT_MULTIPART' : 'IMPORT_UPLOAD_INVALID',
    status,
    'Bitte senden Sie die Belegliste als multipart/form-data mit genau einer Datei im Feld „file“ (und optional „mode“).',
  );

/** The Belegliste upload with IMPORT_MAX_BYTES; refusals in the import's German wording. */
@Injectable()
export class ReceiptUploadInterceptor extends SingleFileUploadInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super(config.importMaxBytes);
  }

  protected refuse(reason: UploadRefusal): Error {
    if (reason === 'too-large') return importFileTooLarge(this.config.importMaxBytes);
    return uploadRefused(reason === 'unsupported' ? 415 : 400);
  }
}

/** Belegliste: xlsx template per decision, upload of a filled-in list, import status. */
@ApiTags('proofs-of-use')
@ApiBearerAuth()
@Controller()
export class ReceiptImportController {
  constructor(
    private readonly imports: ReceiptImportService,
    private readonly templates: ReceiptTemplateService,
    private readonly jobs: JobProducer,
  ) {}

  /** Vorlage der Belegliste mit den Kostenarten und Personalstellen des bewilligten Plans. */
  @Get('decisions/:id/receipt-template')
  @Roles(...EVERYONE)
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'xlsx-Datei', schema: { type: 'string', format: 'binary' } })
  async template(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StreamableFile> {
    const { fileName, content } = await this.templates.build(user, id);
    return new StreamableFile(content, {
      type: XLSX_TYPE,
      length: content.length,
      disposition: `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }

  /** Belegliste hochladen (xlsx oder csv); der Import läuft im Hintergrund, alles oder nichts. */
  @Post('proofs-of-use/:id/imports')
  @HttpCode(202)
  @Roles(Role.PROVIDER)
  @UseInterceptors(ReceiptUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: RECEIPT_IMPORT_UPLOAD_SCHEMA })
  @ApiAcceptedResponse({ type: ReceiptImportDto })
  async upload(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() body: ReceiptImportUploadDto,
  ): Promise<ReceiptImportDto> {
    if (!file) throw importFileMissing();
    try {
      const created = await this.imports.upload(user, id, { path: file.path, originalName: file.originalname }, body.mode ?? 'REPLACE', async (importId) => {
        const job = await this.jobs.enqueue(IMPORT_JOB, { importId }, jobId(IMPORT_JOB, importId));
        return job.id;
      });
      return toReceiptImportDto(created);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  @Get('proofs-of-use/:id/imports')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: ReceiptImportPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: ListQueryDto): Promise<ReceiptImportPageDto> {
    const page = await this.imports.list(user, id, q);
    return { items: page.items.map(toReceiptImportDto), nextCursor: page.nextCursor };
  }

  @Get('proofs-of-use/:id/imports/:importId')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: ReceiptImportDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Param('importId', uuidPipe) importId: string): Promise<ReceiptImportDto> {
    return toReceiptImportDto(await this.imports.get(user, id, importId));
  }
}
