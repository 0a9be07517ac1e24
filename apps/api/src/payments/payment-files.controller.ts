import { Body, Controller, Get, HttpCode, Param, Post, Query, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiProduces } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Roles, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import type { Response } from 'express';
import { PaymentFilesService } from '@foerderfluss/payments';
import { GenerateFileDto, BookFileDto, PaymentFileDto, toPaymentFileDto, PaymentFilePageDto, PaymentFileQueryDto } from './payment-files.dto';
import { KREIS_SIDE } from '../auth/role-groups';

/** SEPA-Zahlungsdateien (pain.001.001.09). */
@ApiTags('payment-files')
@ApiBearerAuth()
@Controller('payment-files')
export class PaymentFilesController {
  constructor(private readonly files: PaymentFilesService) {}

  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: PaymentFilePageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: PaymentFileQueryDto): Promise<PaymentFilePageDto> {
    const page = await this.files.list(user, q);
    return { items: page.items.map((f) => toPaymentFileDto(f)), nextCursor: page.nextCursor };
  }

  /** Zahlungsdatei aus freigegebenen Auszahlungen erzeugen; dieselben Auszahlungen ein zweites Mal → 409. */
  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: PaymentFileDto })
  async generate(@CurrentUser() user: AuthenticatedUser, @Body() body: GenerateFileDto): Promise<PaymentFileDto> {
    const file = await this.files.generate(user, { disbursementIds: body.disbursementIds, executionDate: body.executionDate, batchBooking: body.batchBooking ?? true });
    const { disbursements } = await this.files.get(user, file.id);
    return toPaymentFileDto(file, disbursements);
  }

  @Get(':id')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: PaymentFileDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<PaymentFileDto> {
    const { file, disbursements } = await this.files.get(user, id);
    return toPaymentFileDto(file, disbursements);
  }

  /** Die SEPA-Datei (pain.001) für die Bank; jeder Abruf wird protokolliert. */
  @Get(':id/xml')
  @Roles(...KREIS_SIDE)
  @ApiProduces('application/xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  async xml(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const file = await this.files.downloadXml(user, id);
    res.setHeader('Content-Disposition', `attachment; filename="Zahlungsdatei_${file.messageId}.xml"`);
    return file.xml;
  }

  /** Ausführung durch die Bank buchen: alle Auszahlungen der Datei gelten als gezahlt. */
  @Post(':id/book')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: PaymentFileDto })
  async book(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: BookFileDto): Promise<PaymentFileDto> {
    await this.files.book(user, id, body.bookedOn);
    const { file, disbursements } = await this.files.get(user, id);
    return toPaymentFileDto(file, disbursements);
  }
}
