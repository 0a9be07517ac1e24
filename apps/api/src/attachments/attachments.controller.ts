import { rm } from 'node:fs/promises';
import {
  Body,
  Controller,
  Delete,
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
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { ApplicationAttachmentsService, ATTACHMENT_KINDS, attachmentFileMissing, REQUIRABLE_ATTACHMENT_KINDS, AttachmentsService, attachmentTooLarge, attachmentUploadInvalid } from '@foerderfluss/applications';
import { ProofAttachmentsService } from '@foerderfluss/proof-of-use';
import { CurrentUser, Roles } from '../auth/decorators';
import { ListQueryDto } from '../common/dto';
import { SingleFileUploadInterceptor, UploadRefusal } from '../common/upload.interceptor';
import { uuidPipe } from '../common/uuid.pipe';
import { ATTACHMENT_UPLOAD_SCHEMA, AttachmentDto, AttachmentKindOptionDto, AttachmentPageDto, AttachmentUploadDto, toAttachmentDto, toAttachmentPageDto } from './attachments.dto';
import { EVERYONE } from '../auth/role-groups';

interface ReceivedFile {
  path: string;
  originalname: string;
}

/** The Anlage upload with ATTACHMENT_MAX_BYTES; refusals in the Anlagen's German wording. */
@Injectable()
export class AttachmentUploadInterceptor extends SingleFileUploadInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super(config.attachmentMaxBytes);
  }

  protected refuse(reason: UploadRefusal): Error {
    return reason === 'too-large' ? attachmentTooLarge(this.config.attachmentMaxBytes) : attachmentUploadInvalid();
  }
}

/** Anlagen of Anträge and Verwendungsnachweise. */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly applicationAttachments: ApplicationAttachmentsService,
    private readonly proofAttachments: ProofAttachmentsService,
  ) {}

  /** Die Arten von Anlagen mit ihren deutschen Bezeichnungen. */
  @Get('reference/attachment-kinds')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [AttachmentKindOptionDto] })
  kinds(): AttachmentKindOptionDto[] {
    const requirable: readonly string[] = REQUIRABLE_ATTACHMENT_KINDS;
    return Object.entries(ATTACHMENT_KINDS).map(([kind, kindLabel]) => ({ kind, kindLabel, requirable: requirable.includes(kind) }));
  }

  /** Anlage zum Antrag hochladen (nur der Träger, solange er den Antrag bearbeitet). */
  @Post('applications/:id/attachments')
  @Roles(Role.PROVIDER)
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ATTACHMENT_UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: AttachmentDto })
  async uploadToApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() body: AttachmentUploadDto,
  ): Promise<AttachmentDto> {
    return this.received(file, (f) => this.applicationAttachments.upload(user, id, f, body.kind ?? ''));
  }

  @Get('applications/:id/attachments')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: AttachmentPageDto })
  async listOfApplication(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: ListQueryDto): Promise<AttachmentPageDto> {
    return toAttachmentPageDto(await this.applicationAttachments.list(user, id, q));
  }

  /** Anlage zum Verwendungsnachweis hochladen (nur der Träger, im Entwurf). */
  @Post('proofs-of-use/:id/attachments')
  @Roles(Role.PROVIDER)
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ATTACHMENT_UPLOAD_SCHEMA })
  @ApiCreatedResponse({ type: AttachmentDto })
  async uploadToProof(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() body: AttachmentUploadDto,
  ): Promise<AttachmentDto> {
    return this.received(file, (f) => this.proofAttachments.upload(user, id, f, body.kind ?? ''));
  }

  @Get('proofs-of-use/:id/attachments')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: AttachmentPageDto })
  async listOfProof(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: ListQueryDto): Promise<AttachmentPageDto> {
    return toAttachmentPageDto(await this.proofAttachments.list(user, id, q));
  }

  /** Die Datei der Anlage (jeder Abruf wird protokolliert). */
  @Get('attachments/:id/file')
  @Roles(...EVERYONE)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'die Datei', schema: { type: 'string', format: 'binary' } })
  async download(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.download(user, id);
    const ascii = attachment.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return new StreamableFile(content, {
      type: attachment.contentType,
      length: attachment.sizeBytes,
      disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    });
  }

  /** Nur der Träger, solange der Antrag bzw. Nachweis in seiner Bearbeitung ist. */
  @Delete('attachments/:id')
  @HttpCode(204)
  @Roles(Role.PROVIDER)
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.proofAttachments.remove(user, id);
  }

  private async received(file: ReceivedFile | undefined, store: (f: { path: string; originalName: string }) => Promise<Parameters<typeof toAttachmentDto>[0]>): Promise<AttachmentDto> {
    if (!file) throw attachmentFileMissing();
    try {
      return toAttachmentDto(await store({ path: file.path, originalName: file.originalname }));
    } finally {
      await rm(file.path, { force: true });
    }
  }
}
