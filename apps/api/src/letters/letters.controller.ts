import { Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { GeneratedDocument, LetterDocumentsService, type LetterRequestResult } from '@foerderfluss/exports';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { attachmentDisposition, LetterDto, LetterListDto, LetterRequestResultDto, toLetterDto } from './letters.dto';
import { EVERYONE } from '../auth/role-groups';

const WRITERS = [Role.ADMIN, Role.STAFF, Role.APPROVER];
const NOTHING_TO_DO = 'LETTERS_NOTHING_TO_DO: nichts neu zu erzeugen (alle Schreiben liegen vor oder werden gerade erzeugt)';

/**
 * Letters (PDF) of decisions, recoveries (with their Mahnungen) and Prüfvermerke, and the
 * Eingangsbestätigungen of Anträge: written with the action that issues them, rendered by the
 * worker within seconds, stored, and readable by whoever may read the decision or the Antrag (a
 * Träger: its own; another Träger's answers 404). POST …/letters creates what is missing and tries
 * failed ones again, and says which; the sweep LETTERS_SCAN_CRON is the safety net.
 */
@ApiTags('letters')
@ApiBearerAuth()
@Controller()
export class LettersController {
  constructor(private readonly letters: LetterDocumentsService) {}

  /** Schreiben zu allen freigegebenen Fassungen (und Rückforderungen, Mahnungen, Prüfvermerken) jetzt erzeugen; fehlgeschlagene erneut. */
  @Post('decisions/:id/letters')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiAcceptedResponse({ type: LetterRequestResultDto })
  @ApiConflictResponse({ description: NOTHING_TO_DO })
  async requestForDecision(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterRequestResultDto> {
    return this.result(user, await this.letters.requestForDecision(user, id));
  }

  @Get('decisions/:id/letters')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: LetterListDto })
  async listForDecision(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterListDto> {
    return this.items(user, await this.letters.listForDecision(user, id));
  }

  /** Eingangsbestätigungen zu allen eingereichten Fassungen des Antrags jetzt erzeugen. */
  @Post('applications/:id/letters')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiAcceptedResponse({ type: LetterRequestResultDto })
  @ApiConflictResponse({ description: NOTHING_TO_DO })
  async requestForApplication(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterRequestResultDto> {
    return this.result(user, await this.letters.requestForApplication(user, id));
  }

  /** Schreiben zum Antrag (Eingangsbestätigungen); ein fremder Antrag gibt 404. */
  @Get('applications/:id/letters')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: LetterListDto })
  async listForApplication(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterListDto> {
    return this.items(user, await this.letters.listForApplication(user, id));
  }

  /** Rückforderungsbescheid (oder Zahlungsaufforderung bei einem Vertrag) und fehlende Mahnungen jetzt erzeugen. */
  @Post('recoveries/:id/letters')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiAcceptedResponse({ type: LetterRequestResultDto })
  @ApiConflictResponse({ description: NOTHING_TO_DO })
  async requestForRecovery(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterRequestResultDto> {
    return this.result(user, await this.letters.requestForRecovery(user, id));
  }

  @Get('recoveries/:id/letters')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: LetterListDto })
  async listForRecovery(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterListDto> {
    return this.items(user, await this.letters.listForRecovery(user, id));
  }

  /** Prüfvermerk als PDF jetzt erzeugen (nach Abschluss der Prüfung). */
  @Post('proofs-of-use/:id/letters')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiAcceptedResponse({ type: LetterRequestResultDto })
  @ApiConflictResponse({ description: NOTHING_TO_DO })
  async requestForProof(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterRequestResultDto> {
    return this.result(user, await this.letters.requestForProof(user, id));
  }

  @Get('proofs-of-use/:id/letters')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: LetterListDto })
  async listForProof(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterListDto> {
    return this.items(user, await this.letters.listForProof(user, id));
  }

  @Get('letters/:id')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: LetterDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterDto> {
    const letter = await this.letters.get(user, id);
    return toLetterDto(letter, this.letters.allowedActions(user, letter));
  }

  /** Erneut versuchen: ein fehlgeschlagenes Schreiben wird noch einmal erzeugt (409, wenn es nicht fehlgeschlagen ist). */
  @Post('letters/:id/retry')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiAcceptedResponse({ type: LetterDto })
  async retry(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LetterDto> {
    const letter = await this.letters.retry(user, id);
    return toLetterDto(letter, this.letters.allowedActions(user, letter));
  }

  /** Das Schreiben als PDF (409, solange es erzeugt wird). */
  @Get('letters/:id/file')
  @Roles(...EVERYONE)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF-Datei', schema: { type: 'string', format: 'binary' } })
  async file(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StreamableFile> {
    const { document, content } = await this.letters.openFile(user, id);
    return new StreamableFile(content, {
      type: 'application/pdf',
      ...(document.sizeBytes !== null ? { length: document.sizeBytes } : {}),
      disposition: attachmentDisposition(document.fileName),
    });
  }

  private result(user: AuthenticatedUser, r: LetterRequestResult): LetterRequestResultDto {
    const dto = (d: GeneratedDocument) => toLetterDto(d, this.letters.allowedActions(user, d));
    return { items: r.documents.map(dto), created: r.created.map(dto), requeued: r.requeued.map(dto) };
  }

  private items(user: AuthenticatedUser, documents: GeneratedDocument[]): LetterListDto {
    return { items: documents.map((d) => toLetterDto(d, this.letters.allowedActions(user, d))) };
  }
}
