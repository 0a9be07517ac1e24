import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { type PaymentOrderFormat, PaymentOrdersService } from '@foerderfluss/exports';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { KREIS_SIDE } from '../auth/role-groups';
import { attachmentDisposition } from '../letters/letters.dto';

/**
 * Auszahlungsanordnung für die Kreiskasse zu einer SEPA-Zahlungsdatei, als PDF und CSV
 * (Haushaltsstelle, Empfänger, IBAN, Betrag, Fälligkeit, Aktenzeichen, Verwendungszweck, sachlich und
 * rechnerisch richtig). Nur für die Kreisseite; jeder Abruf wird protokolliert.
 */
@ApiTags('payment-files')
@ApiBearerAuth()
@Controller('payment-files')
export class PaymentOrdersController {
  constructor(private readonly orders: PaymentOrdersService) {}

  @Get(':id/payment-order.pdf')
  @Roles(...KREIS_SIDE)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Auszahlungsanordnung als PDF', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.send(user, id, 'pdf', res);
  }

  @Get(':id/payment-order.csv')
  @Roles(...KREIS_SIDE)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Auszahlungsanordnung als CSV (UTF-8 mit BOM, Semikolon, Dezimalkomma, letzte Zeile „Summe“)', schema: { type: 'string', format: 'binary' } })
  async csv(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.send(user, id, 'csv', res);
  }

  private async send(user: AuthenticatedUser, id: string, format: PaymentOrderFormat, res: Response): Promise<StreamableFile> {
    const file = await this.orders.download(user, id, format);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(file.content, { type: file.contentType, length: file.content.length, disposition: attachmentDisposition(file.fileName) });
  }
}
