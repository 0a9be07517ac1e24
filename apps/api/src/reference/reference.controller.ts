import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ReferenceDataService } from '@foerderfluss/programmes';
import { AnyRole } from '../auth/decorators';

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

  /** Sozialräume des Landkreises mit ihren Gemeinden. */
  @Get('social-areas')
  @ApiOkResponse({ type: [SocialAreaDto] })
  async socialAreas(): Promise<SocialAreaDto[]> {
    return (await this.reference.socialAreas()).map(({ code, name, municipalities, sortOrder }) => ({ code, name, municipalities, sortOrder }));
  }

  /** Kostenarten. */
  @Get('cost-categories')
  @ApiOkResponse({ type: [CostCategoryDto] })
  async costCategories(): Promise<CostCategoryDto[]> {
    return (await this.reference.costCategories()).map(({ code, name, description, sortOrder }) => ({ code, name, description, sortOrder }));
  }
}
