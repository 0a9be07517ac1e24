import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { useCalls, useOrganisation } from '../api/queries';
import { useCurrentUser } from '../auth/auth';
import { ApplicationEditor, newApplicationForm } from '../components/ApplicationEditor';
import { Empty, Loading, PageTitle } from '../components/ui';
import { formatDate } from '../lib/format';
import { toCreateApplicationBody, toUpdateApplicationBody } from '../lib/schemas';

export function ApplicationNewPage() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const calls = useCalls('PUBLISHED');
  const org = useOrganisation(me.organisationId);
  const created = useRef<{ id: string; version: number } | null>(null);
  const open = (calls.data ?? []).filter((c) => c.openForApplications);
  const call_ = open.find((c) => c.id === params.get('aufruf')) ?? (open.length === 1 ? open[0] : undefined);

  if (calls.isPending || org.isPending) return <Loading />;
  if (!call_) {
    return (
      <>
        <PageTitle>Neuer Antrag</PageTitle>
        {open.length === 0 ? (
          <Empty>Zurzeit ist kein Projektaufruf offen. Anträge können nur zu einem veröffentlichten Aufruf innerhalb seiner Frist gestellt werden.</Empty>
        ) : (
          <ul className="kern-list">
            {open.map((c) => (
              <li key={c.id}>
                <Link className="kern-link" to={`/antraege/neu?aufruf=${c.id}`}>{c.title}</Link> (Frist {formatDate(c.deadline)})
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <>
      <PageTitle subtitle={`Zum Aufruf „${call_.title}“ – Ausschlussfrist ${formatDate(call_.deadline)}`}>Neuer Antrag</PageTitle>
      <ApplicationEditor
        initial={newApplicationForm(call_.id, undefined, { name: org.data?.contactName, email: org.data?.contactEmail })}
        eligibleCostCategories={call_.eligibleCostCategories}
        eligibleFieldsOfAction={call_.eligibleFieldsOfAction}
        save={async (values) => {
          // A failed submit leaves a stored draft: update it instead of creating a second one.
          if (created.current) {
            const { id, version } = created.current;
            const app = await call(api.PATCH('/api/v1/applications/{id}', { params: { path: { id } }, body: toUpdateApplicationBody(values, version) }));
            created.current = { id, version: app.version };
            return id;
          }
          const app = await call(api.POST('/api/v1/applications', { body: toCreateApplicationBody(values) }));
          created.current = { id: app.id, version: app.version };
          return app.id;
        }}
        submit={(id) => call(api.POST('/api/v1/applications/{id}/submit', { params: { path: { id } } }))}
        onDone={(id, submitted) => {
          void queryClient.invalidateQueries({ queryKey: ['applications'] });
          navigate(`/antraege/${id}`, { state: { flash: submitted ? 'submitted' : 'saved' } });
        }}
      />
    </>
  );
}
