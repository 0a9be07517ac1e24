import { Controller, Get, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { ReferenceDataService } from '@foerderfluss/programmes';
import { AnyRole, CurrentUser } from '../auth/decorators';

class FieldOfActionDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() sortOrder!: number;
}

class SocialAreaDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) municipalities!: string[];
  @ApiProperty() sortOrder!: number;
}

class CostCategoryDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() sortOrder!: number;
}

@ApiTags('reference')
@ApiBearerAuth()
@AnyRole()
@Controller('reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceDataService) {}

  /** Die 8 Handlungsfelder der Leitlinien Integration. */
  @Get('fields-of-action')
  @ApiOkResponse({ type: [FieldOfActionDto] })
  async fieldsOfAction(): Promise<FieldOfActionDto[]> {
    return (await this.reference.fieldsOfAction()).map(({ code, name, description, sortOrder }) => ({ code, name, description, sortOrder }));
  }

  /**
   * Sozialräume mit ihren Gemeinden. Sozialräume gehören einem Landkreis (issue 20): Personal eines
   * Kreises erhält die seines Kreises; Land und Träger alle oder mit `districtId` die eines Kreises.
   */
  @Get('social-areas')
  @ApiOkResponse({ type: [SocialAreaDto] })
  @ApiQuery({ name: 'districtId', required: false, description: 'Nur die Sozialräume dieses Landkreises' })
  async socialAreas(@CurrentUser() user: AuthenticatedUser, @Query('districtId', new ParseUUIDPipe({ optional: true })) districtId?: string): Promise<SocialAreaDto[]> {
    const kreis = user.districtId ?? districtId ?? null;
    return (await this.reference.socialAreas())
      .filter((a) => kreis === null || a.districtId === kreis)
      .map(({ code, name, municipalities, sortOrder }) => ({ code, name, municipalities, sortOrder }));
  }

  /** Kostenarten. */
  @Get('cost-categories')
  @ApiOkResponse({ type: [CostCategoryDto] })
  async costCategories(): Promise<CostCategoryDto[]> {
    return (await this.reference.costCategories()).map(({ code, name, description, sortOrder }) => ({ code, name, description, sortOrder }));
  }
}
