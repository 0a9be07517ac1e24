import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { containsText, equals, RepositoryDefinition, ScopedRepository, SortKey, timestampSortKey } from '@foerderfluss/database';
import { Organisation, OrganisationKind } from './organisation.entity';
import { organisationNotFound } from './organisations.errors';

/** The filters of `GET /api/v1/organisations`; each is declared once below. */
export interface OrganisationFilter {
  kind?: OrganisationKind;
  active?: boolean;
  q?: string;
  /** One Träger (the list's Träger filter; a Träger's own id is its only visible row). */
  providerId?: string;
}

/** What `GET /api/v1/organisations` sorts by (`reference` is the organisation's code); the API declares them as its enum. */
export const ORGANISATION_SORT_KEYS = ['name', 'reference', 'code', 'city', 'kind', 'createdAt'] as const;
export type OrganisationSortKey = (typeof ORGANISATION_SORT_KEYS)[number];

const organisationSort: Record<OrganisationSortKey, SortKey<Organisation>> = {
  name: { sql: 'o.name', value: (o) => o.name },
  reference: { sql: "COALESCE(o.code, '')", value: (o) => o.code ?? '' },
  code: { sql: "COALESCE(o.code, '')", value: (o) => o.code ?? '' },
  city: { sql: "COALESCE(o.city, '')", value: (o) => o.city ?? '' },
  kind: { sql: 'o.kind', value: (o) => o.kind },
  createdAt: timestampSortKey('o.created_at', (o) => o.createdAt),
};

/**
 * Organisations (with their bank account) as the caller may see them: a Träger only itself, staff
 * and auditors all. The organisation's own id is the owning Träger's id.
 */
@Injectable()
export class OrganisationRepository extends ScopedRepository<Organisation, OrganisationFilter> {
  protected readonly definition: RepositoryDefinition<Organisation, OrganisationFilter> = {
    entity: Organisation,
    alias: 'o',
    // A Kreis user: its own Kreis and the Träger registered there (district_provider), never
    // another Kreis, the Land or a Träger of another Kreis only.
    visibility: {
      providerColumn: 'o.id',
      districtCondition: `o.id = :scopeDistrict OR (o.kind = 'PROVIDER' AND EXISTS (SELECT 1 FROM district_provider dp WHERE dp.provider_id = o.id AND dp.district_id = :scopeDistrict))`,
    },
    sort: organisationSort,
    defaultSort: ['name'],
    filters: {
      kind: (qb, v) => qb.andWhere('o.kind = :kind', { kind: v }),
      active: (qb, v) => qb.andWhere('o.active = :active', { active: v }),
      q: (qb, v) => containsText(qb, ['o.name', 'o.city'], v),
      providerId: equals('o.id'),
    },
    // Träger by name or code (the Land and the Kreis are no search hits).
    search: { columns: ['o.name', "COALESCE(o.code, '')"], extend: (qb) => qb.andWhere(`o.kind = 'PROVIDER'`) },
    notFound: organisationNotFound,
  };

  /** Registers a Träger in a Kreis (idempotent), inside the caller's transaction. */
  async registerInDistrict(em: EntityManager, districtId: string, providerId: string): Promise<void> {
    await em.query(`INSERT INTO district_provider (district_id, provider_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [districtId, providerId]);
  }

  /** The names of these Kreise (organisations), for labelling a Kreis's records. */
  async districtNames(ids: readonly string[], em: EntityManager = this.tx.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id) => !!id))];
    if (unique.length === 0) return new Map();
    const rows = (await em.query(`SELECT id::text AS id, name FROM organisation WHERE id = ANY($1::uuid[])`, [unique])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

}
