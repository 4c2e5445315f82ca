import type { Grant } from '../../../contract/schemas/identity';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { de } from '../../i18n/de';

const grantText = (g: Grant) => (g.amtId ? `${de.roles[g.role]} (${de.amt(g.amtId)})` : de.roles[g.role]);
const grantsText = (grants: Grant[]) => (grants.length ? grants.map(grantText).join(', ') : de.admin.identity.none);

/** How Windows groups become roles, and the audited role changes; no usage figures of any person. */
export function IdentityMappingPanel() {
  const api = useApi();
  const mapping = useQuery(() => api.call('admin.identityMapping', {}), []);
  if (mapping.error) return <ErrorNotice error={mapping.error} onRetry={mapping.reload} />;
  const m = mapping.data;
  return (
    <section className="panel" aria-labelledby="identity-title">
      <h2 id="identity-title">{de.admin.identity.title}</h2>
      {!m ? (
        <p>{de.admin.identity.loading}</p>
      ) : (
        <>
          <p>{m.source === 'demo' ? de.admin.identity.demo : m.groupRoles.length ? de.admin.identity.os : de.admin.identity.osWithoutRules}</p>
          {m.groupRoles.length > 0 && (
            <table className="table">
              <caption>{de.admin.identity.rulesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{de.admin.identity.group}</th>
                  <th scope="col">{de.admin.identity.grant}</th>
                </tr>
              </thead>
              <tbody>
                {m.groupRoles.map((r) => (
                  <tr key={`${r.group}/${r.role}/${r.amt}`}>
                    <td>
                      <code>{r.group}</code>
                    </td>
                    <td>{grantText({ role: r.role, amtId: r.amt })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <table className="table">
            <caption>{de.admin.identity.changesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{de.admin.identity.entry}</th>
                <th scope="col">{de.admin.identity.at}</th>
                <th scope="col">{de.admin.identity.user}</th>
                <th scope="col">{de.admin.identity.before}</th>
                <th scope="col">{de.admin.identity.after}</th>
              </tr>
            </thead>
            <tbody>
              {m.changes.length === 0 ? (
                <tr>
                  <td colSpan={5}>{de.admin.identity.noChanges}</td>
                </tr>
              ) : (
                m.changes.map((c) => (
                  <tr key={c.seq}>
                    <td>{c.seq}</td>
                    <td>{new Date(c.at).toLocaleString('de-DE')}</td>
                    <td>
                      <code>{c.userUuid.slice(0, 8)}</code>
                    </td>
                    <td>{grantsText(c.before)}</td>
                    <td>{grantsText(c.after)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
