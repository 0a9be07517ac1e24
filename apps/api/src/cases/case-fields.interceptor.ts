import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, Observable, switchMap } from 'rxjs';
import { isKreisSide, Scope } from '@foerderfluss/core';
import { CasesService, CaseType, NO_CASE_SUMMARY } from '@foerderfluss/cases';
import { toCaseFields } from './cases.dto';

const CASE_FIELDS_KEY = 'foerderfluss:case-fields';

type WithId = { id: string } & Record<string, unknown>;

/**
 * Adds `assignee`, `standIn` and `nextFollowUp` (libs/cases) to the case records a route answers
 * (one record, a bare list or a `{items}` page), for the Landratsamt and the Prüfung only: for a
 * Träger the fields stay absent. One query per response, whatever the page size. A decorator on the
 * route (`@CaseFields(CaseType.DECISION)`) instead of code in each handler keeps the record's own
 * mapping untouched.
 */
@Injectable()
export class CaseFieldsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cases: CasesService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const type = this.reflector.get<CaseType | undefined>(CASE_FIELDS_KEY, context.getHandler());
    const user = context.switchToHttp().getRequest<{ user?: Scope }>().user;
    if (!type || !user || !isKreisSide(user)) return next.handle();
    return next.handle().pipe(switchMap((body: unknown) => from(this.enrich(user, type, body))));
  }

  private async enrich(user: Scope, type: CaseType, body: unknown): Promise<unknown> {
    const records = recordsOf(body);
    const summaries = await this.cases.summaries(user, type, records.map((r) => r.id));
    for (const r of records) Object.assign(r, toCaseFields(summaries.get(r.id) ?? NO_CASE_SUMMARY));
    return body;
  }
}

function isRecord(v: unknown): v is WithId {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
}

function recordsOf(body: unknown): WithId[] {
  if (Array.isArray(body)) return body.filter(isRecord);
  if (typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items)) return (body as { items: unknown[] }).items.filter(isRecord);
  return isRecord(body) ? [body] : [];
}

/** The route answers records of this case type: they get the case fields for Kreis users. */
export const CaseFields = (type: CaseType): MethodDecorator => applyDecorators(SetMetadata(CASE_FIELDS_KEY, type), UseInterceptors(CaseFieldsInterceptor));
