import { useState } from 'react';
import type { AuditVerification } from '../../../contract/schemas/audit';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Facts } from '../../components/Facts';
import { PageHead } from '../../components/PageHead';
import { de } from '../../i18n/de';
import { formatNumber } from '../../i18n/format';
import { IdentityMappingPanel } from './IdentityMappingPanel';

/** IT administration checks the audit hash chain; no record content is shown. */
export function AuditVerifyPage() {
  const api = useApi();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const verify = useCommand(async () => setResult(await api.call('audit.verify', {})));
  return (
    <div className="page">
      <PageHead title={de.admin.title} />
      <section className="panel">
        <p>{de.admin.intro}</p>
        <button type="button" className="btn btn-primary" onClick={() => void verify.run()} disabled={verify.pending}>
          {de.admin.run}
        </button>
      </section>
      {verify.error && <ErrorNotice error={verify.error} onRetry={() => void verify.run()} />}
      {result && (
        <section className={`notice ${result.ok ? 'notice-success' : 'notice-error'}`} role="status">
          <p className="notice-text">{result.ok ? de.admin.ok(formatNumber(result.entries)) : de.admin.broken(result.brokenAtSeq)}</p>
          <Facts
            items={[
              [de.admin.head, <code className="break">{result.headHash ?? '–'}</code>],
              ...(result.reason ? ([[de.admin.reason, result.reason]] as [string, string][]) : []),
            ]}
          />
        </section>
      )}
      <IdentityMappingPanel />
    </div>
  );
}
