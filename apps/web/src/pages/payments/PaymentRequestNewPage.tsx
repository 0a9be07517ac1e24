import { useSearchParams } from 'react-router';
import { useGrantsInForce } from '../../api/queries';
import { Empty, Loading, PageTitle, ProblemAlert } from '../../components/ui';
import { newPaymentRequestForm, PaymentRequestEditor } from './PaymentRequestForm';

export function PaymentRequestNewPage() {
  const [params] = useSearchParams();
  const grants = useGrantsInForce();
  const preset = params.get('bescheid') ?? '';
  return (
    <>
      <PageTitle subtitle="Abrufbar ist, was in den zwei Monaten nach der Auszahlung fällig wird (anteilig nach der Finanzierungsart).">Neuer Mittelabruf</PageTitle>
      {grants.error ? <ProblemAlert error={grants.error} /> : null}
      {grants.isPending ? (
        <Loading />
      ) : (grants.data ?? []).length === 0 ? (
        <Empty>Sie haben keinen Bescheid und keinen Vertrag in Kraft, aus dem Mittel abgerufen werden können.</Empty>
      ) : (
        <PaymentRequestEditor
          decisions={grants.data!}
          initial={newPaymentRequestForm(grants.data!.some((d) => d.id === preset) ? preset : grants.data!.length === 1 ? grants.data![0]!.id : '')}
        />
      )}
    </>
  );
}
