import { Injectable } from '@nestjs/common';
import { containsText, RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { Organisation, OrganisationKind } from './organisation.entity';
import { organisationNotFound } from './organisations.errors';

/** The filters of `GET /api/v1/organisations`; each is declared once below. */
export interface OrganisationFilter {
  kind?: OrganisationKind;
  active?: boolean;
  q?: string;
}

/**
 * Organisations (with their bank account) as the caller may see them: a Träger only itself, staff
 * and auditors all. The organisation's own id is the owning Träger's id.
 */
@Injectable()
export class OrganisationRepository extends ScopedRepository<Organisation, OrganisationFilter> {
  protected readonly definition: RepositoryDefinition<Organisation, OrganisationFilter> = {
    entity: Organisation,
    alias: 'o',
    visibility: { providerColumn: 'o.id' },
    sort: {
      name: { sql: 'o.name', value: (o) => o.name },
      code: { sql: "COALESCE(o.code, '')", value: (o) => o.code ?? '' },
      city: { sql: "COALESCE(o.city, '')", value: (o) => o.city ?? '' },
      kind: { sql: 'o.kind', value: (o) => o.kind },
    },
    defaultSort: ['name'],
    filters: {
      kind: (qb, v) => qb.andWhere('o.kind = :kind', { kind: v }),
      active: (qb, v) => qb.andWhere('o.active = :active', { active: v }),
      q: (qb, v) => containsText(qb, ['o.name', 'o.city'], v),
    },
    notFound: organisationNotFound,
  };

}
