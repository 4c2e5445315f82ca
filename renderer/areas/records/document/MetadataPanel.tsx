import { useState } from 'react';
import type { DocumentDetail } from '../../../../contract/schemas/records';
import { Facts } from '../../../components/Facts';
import { DocumentStatusBadge } from '../../../components/StatusBadge';
import { de } from '../../../i18n/de';
import { formatDate, formatDateTime } from '../../../i18n/format';
import { routeHref } from '../../../routing/routes';
import { MetadataForm } from './MetadataForm';
import { t } from './texts';

interface Props {
  doc: DocumentDetail;
  /** The clerk may change title, type, sender and date (open Akte, no Aufbewahrungssperre). */
  editable: boolean;
  onChanged: (doc: DocumentDetail, message: string) => void;
}

/** The document's metadata; "Angaben ändern" turns the panel into its form. */
export function MetadataPanel({ doc, editable, onChanged }: Props) {
  const [editing, setEditing] = useState(false);
  if (editing && editable) {
    return (
      <MetadataForm
        doc={doc}
        onCancel={() => setEditing(false)}
        onDone={(next) => {
          setEditing(false);
          onChanged(next, t.saved);
        }}
      />
    );
  }
  return (
    <section className="panel" aria-labelledby="doc-meta-title">
      <div className="panel-head">
        <h2 id="doc-meta-title" className="panel-title">
          {de.document.metadata}
        </h2>
        {editable && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {t.edit}
          </button>
        )}
      </div>
      <Facts
        items={[
          [de.document.docType, doc.docType ?? '–'],
          [de.document.sender, doc.sender ?? '–'],
          [de.document.documentDate, formatDate(doc.documentDate)],
          [de.document.receivedAt, formatDateTime(doc.receivedAt)],
          [de.document.channel, doc.channel ? de.channel[doc.channel] : '–'],
          [de.document.status, <DocumentStatusBadge status={doc.status} />],
          [de.document.amt, doc.amtId ? de.amt(doc.amtId) : '–'],
          [
            de.document.akte,
            doc.akteUuid && doc.aktenzeichen ? (
              <a className="mono" href={routeHref({ name: 'akte', uuid: doc.akteUuid, vorgangUuid: doc.vorgangUuid })}>
                {doc.aktenzeichen}
              </a>
            ) : (
              '–'
            ),
          ],
        ]}
      />
    </section>
  );
}
