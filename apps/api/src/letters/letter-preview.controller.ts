import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { LetterPreview, LetterPreviewService } from '@foerderfluss/exports';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { EVERYONE } from '../auth/role-groups';
import { attachmentDisposition } from './letters.dto';

const pdf = (p: LetterPreview): StreamableFile =>
  // inline: the approver reads the draft in the browser's viewer; the file name says "Entwurf".
  new StreamableFile(p.pdf, { type: 'application/pdf', length: p.pdf.length, disposition: attachmentDisposition(p.fileName).replace(/^attachment/, 'inline') });

/**
 * The letter a pending proposal would issue, as a PDF marked "Entwurf" on every page, rendered on
 * the fly from the same builders as the real letter (issue 16). Open to every role so that a Träger
 * gets the 404 of a record outside its scope (the draft is internal), not a 403 that would say it exists.
 */
@ApiTags('letters')
@ApiBearerAuth()
@Controller()
export class LetterPreviewController {
  constructor(private readonly previews: LetterPreviewService) {}

  /** Entwurf des Bescheids (Vertrags, Ablehnungs- oder Änderungsbescheids), den die Freigabe erlassen würde. */
  @Get('decisions/:id/letter-preview')
  @Roles(...EVERYONE)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF mit dem Vermerk „Entwurf“ auf jeder Seite (wird nicht gespeichert)', schema: { type: 'string', format: 'binary' } })
  async decision(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StreamableFile> {
    return pdf(await this.previews.decision(user, id));
  }

  /** Entwurf des Schreibens zur Festsetzung: Rückforderungsbescheid, sonst der Prüfvermerk. */
  @Get('settlements/:id/letter-preview')
  @Roles(...EVERYONE)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF mit dem Vermerk „Entwurf“ auf jeder Seite (wird nicht gespeichert)', schema: { type: 'string', format: 'binary' } })
  async settlement(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StreamableFile> {
    return pdf(await this.previews.settlement(user, id));
  }
}
