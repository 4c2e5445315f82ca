import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/use-query';
import { navigate } from '../../../routing/use-route';
import { FixityPanel } from './FixityPanel';
import { ReceiptList } from './ReceiptList';
import { ReceiveForms } from './ReceiveForms';
import { UebernahmeDetail } from './UebernahmeDetail';
import { t } from './texts';
import { PageHead } from '../../../components/PageHead';
import './uebernahme.css';

/** The Stadtarchiv receiving Aussonderungen: receive, the receipts so far, fixity; or one receipt in detail. */
export function UebernahmePage({ receiptId }: { receiptId: string | null }) {
  if (receiptId) return <UebernahmeDetail receiptId={receiptId} />;
  return <Overview />;
}

function Overview() {
  const api = useApi();
  const list = useQuery(() => api.call('archiv.list', {}), []);
  return (
    <div className="page">
      <PageHead title={t.title} intro={t.intro} />
      <ReceiveForms
        onReceived={(d) => navigate({ name: 'archiv.uebernahme', receiptId: d.receiptId })}
        onChanged={list.reload}
      />
      <ReceiptList query={list} />
      <FixityPanel />
    </div>
  );
}
