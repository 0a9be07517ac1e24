import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
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

class SocialAreaQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Nur die Sozialräume dieses Landkreises' }) @IsOptional() @IsUUID() districtId?: string;
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
  async socialAreas(@CurrentUser() user: AuthenticatedUser, @Query() q: SocialAreaQueryDto): Promise<SocialAreaDto[]> {
    return (await this.reference.socialAreasFor(user, q.districtId ?? null)).map(({ code, name, municipalities, sortOrder }) => ({ code, name, municipalities, sortOrder }));
  }

  /** Kostenarten. */
  @Get('cost-categories')
  @ApiOkResponse({ type: [CostCategoryDto] })
  async costCategories(): Promise<CostCategoryDto[]> {
    return (await this.reference.costCategories()).map(({ code, name, description, sortOrder }) => ({ code, name, description, sortOrder }));
  }
}
