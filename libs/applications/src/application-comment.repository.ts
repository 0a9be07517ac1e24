import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { ApplicationComment, CommentKind } from './application-comment.entity';
import { applicationNotFound } from './applications.errors';

export interface ApplicationCommentFilter {
  applicationId?: string;
  kind?: CommentKind;
}

/**
 * Comments on Anträge: a Träger reads those on its own Anträge that are meant for it (internal
 * notes of the Landratsamt stay internal); staff and auditors read all.
 */
@Injectable()
export class ApplicationCommentRepository extends ScopedRepository<ApplicationComment, ApplicationCommentFilter> {
  protected readonly definition: RepositoryDefinition<ApplicationComment, ApplicationCommentFilter> = {
    entity: ApplicationComment,
    alias: 'cm',
    joins: (qb) => qb.innerJoin('cm.application', 'commented'),
    visibility: { providerColumn: 'commented.provider_id', providerCondition: 'cm.visible_to_provider', districtColumn: 'cm.district_id' },
    sort: {
      createdAt: timestampSortKey('cm.created_at', (c) => c.createdAt),
      kind: { sql: 'cm.kind', value: (c) => c.kind },
    },
    defaultSort: ['createdAt'],
    filters: {
      applicationId: (qb, v) => qb.andWhere('cm.application_id = :applicationId', { applicationId: v }),
      kind: (qb, v) => qb.andWhere('cm.kind = :commentKind', { commentKind: v }),
    },
    notFound: applicationNotFound,
  };

  /** All comments on one Antrag the caller may read, oldest first (a short list, not paged). */
  ofApplication(scope: Scope, applicationId: string, em: EntityManager = this.tx.manager): Promise<ApplicationComment[]> {
    return this.scoped(scope, em)
      .andWhere('cm.application_id = :applicationId', { applicationId })
      .orderBy('cm.created_at', 'ASC')
      .addOrderBy('cm.id', 'ASC')
      .getMany();
  }

  /** People's display names by user id, for comments (never the e-mail address). */
  async displayNames(userIds: readonly (string | null)[], em: EntityManager = this.tx.manager): Promise<Map<string, string>> {
    const wanted = [...new Set(userIds.filter((x): x is string => x !== null))];
    if (wanted.length === 0) return new Map();
    const rows = (await em.query(`SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])`, [wanted])) as { id: string; display_name: string }[];
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}
