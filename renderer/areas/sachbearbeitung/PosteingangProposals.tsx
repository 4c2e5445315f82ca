import { useEffect, useMemo, useRef, useState } from 'react';
import type { MethodOutput } from '../../../contract/methods';
import type { FilingCandidate } from '../../../contract/methods/classify';
import type { DocumentDetail } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ShortcutList } from '../../components/ShortcutsPanel';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';
import { FileDocumentForm } from './FileDocumentForm';
import { formatConfidence, pe } from './posteingang-de';
import { PosteingangText, wordHighlights, type Highlight } from './PosteingangText';

type Proposal = MethodOutput<'classify.proposal'>;

export interface Filed {
  doc: DocumentDetail;
  corrected: boolean;
}

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t instanceof HTMLInputElement && t.type !== 'radio'));
/** Enter belongs to buttons, links and the list; it accepts only from the page itself or a proposal. */
const ownsEnter = (t: EventTarget | null) =>
  t instanceof HTMLElement && (typing(t) || ['BUTTON', 'A'].includes(t.tagName) || t.getAttribute('role') === 'listbox');

const target = (c: FilingCandidate) => c.aktenzeichen ?? c.aktenplanNumber;

function reasonText(c: FilingCandidate): string {
  const refs = c.reasons.flatMap((r) => (r.kind === 'reference' ? [`${pe.referenceType[r.type] ?? r.type} ${r.value}`] : []));
  const words = c.reasons.flatMap((r) => (r.kind === 'word' ? [r.word] : []));
  return [...refs, ...(words.length ? [`${pe.reasonWords}: ${words.join(', ')}`] : [])].join(' · ');
}

function marksOf(p: Proposal, c: FilingCandidate | undefined): Highlight[] {
  if (!c) return [];
  const refs = c.reasons.flatMap((r) =>
    r.kind === 'reference' ? [{ start: r.start, end: r.end, label: `${pe.referenceType[r.type] ?? r.type} ${r.value}` }] : [],
  );
  const words = c.reasons.flatMap((r) => (r.kind === 'word' ? [r.word] : []));
  return [...refs, ...wordHighlights(p.text, words)];
}

/**
 * The top-3 proposals of an incoming document with their confidence and reasons (marked in the text):
 * accept with Enter, choose 1/2/3, or pick another Akte/Vorgang; every choice is learned.
 */
export function PosteingangProposals({ doc, proposal, onFiled }: { doc: DocumentDetail; proposal: Proposal; onFiled: (f: Filed) => void }) {
  const api = useApi();
  const [selected, setSelected] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const radios = useRef<(HTMLInputElement | null)[]>([]);
  const candidates = proposal.candidates;
  const chosen = candidates[selected];
  const marks = useMemo(() => marksOf(proposal, chosen), [proposal, chosen]);

  const file = async (vorgangUuid: string) => {
    const done = await api.call('classify.accept', { uuid: doc.uuid, vorgangUuid });
    const filed = await api.call('documents.get', { uuid: done.documentUuid });
    onFiled({ doc: filed, corrected: !done.correct });
    return filed;
  };
  const accept = useCommand(async () => {
    if (chosen?.vorgangUuid) await file(chosen.vorgangUuid);
  });

  const keys = useRef({ accept, chosen, count: candidates.length });
  keys.current = { accept, chosen, count: candidates.length };
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const n = ['1', '2', '3'].indexOf(e.key);
      if (n >= 0 && n < keys.current.count && !typing(e.target)) {
        e.preventDefault();
        setSelected(n);
        radios.current[n]?.focus(); // so that Enter accepts it next
      } else if (e.key === 'Enter' && !ownsEnter(e.target) && keys.current.chosen?.vorgangUuid) {
        e.preventDefault();
        void keys.current.accept.run();
      } else if (e.key === 'a' && !typing(e.target)) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const [vorgangTitle, setVorgangTitle] = useState('');
  const newVorgang = useCommand(async (akteUuid: string) => {
    const v = await api.call('vorgaenge.create', { akteUuid, title: vorgangTitle.trim() });
    await file(v.uuid);
  });

  const deadline = proposal.references.find((r) => r.type === 'deadline' && /^\d{4}-\d{2}-\d{2}$/.test(r.value));
  const wv = useCommand(async (dueDate: string) =>
    api.call('wiedervorlagen.create', { documentUuid: doc.uuid, dueDate, note: pe.deadlineWvNote }),
  );
  const [wvDone, setWvDone] = useState<string | null>(null);

  return (
    <div className="posteingang-proposals">
      <section className="panel" aria-labelledby="proposals-title">
        <h3 id="proposals-title" className="panel-title">
          {pe.proposalsTitle}
        </h3>
        {proposal.needsReview && <p className="notice notice-warn">{pe.needsReview}</p>}
        {candidates.length === 0 ? (
          <p className="empty-state">{pe.noCandidates}</p>
        ) : (
          <fieldset className="fieldset">
            <legend>{pe.proposalsLabel}</legend>
            <ol className="choice-list proposal-list">
              {candidates.map((c, i) => (
                <li key={`${c.kind}-${c.akteUuid ?? c.aktenplanNumber}`}>
                  <label className="choice proposal">
                    <input
                      ref={(el) => {
                        radios.current[i] = el;
                      }}
                      type="radio"
                      name="proposal"
                      checked={selected === i}
                      onChange={() => setSelected(i)}
                    />
                    <kbd>{i + 1}</kbd>
                    <span className="proposal-main">
                      <span className="cell-strong">
                        <span className="mono">{target(c)}</span> {c.title}
                      </span>
                      <span className="row2-meta">
                        {c.kind === 'akte' ? pe.kindAkte : pe.kindPosition} · {pe.confidence(formatConfidence(c.confidence))}
                      </span>
                      {c.reasons.length > 0 && (
                        <span className="row2-meta">
                          {pe.reasonsLabel}: {reasonText(c)}
                        </span>
                      )}
                    </span>
                  </label>
                </li>
              ))}
            </ol>
          </fieldset>
        )}
        {chosen?.vorgangUuid && (
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={accept.pending} onClick={() => void accept.run()}>
              {accept.pending ? de.forms.saving : pe.accept} <kbd>{pe.acceptHint}</kbd>
            </button>
          </div>
        )}
        {accept.error && <ErrorNotice error={accept.error} onRetry={() => void accept.run()} />}
        {chosen?.akteUuid && (
          <form
            className="posteingang-new-vorgang"
            aria-label={pe.newVorgangTitle}
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen.akteUuid && vorgangTitle.trim()) void newVorgang.run(chosen.akteUuid);
            }}
          >
            <label className="field">
              <span className="field-label">{pe.newVorgangLabel(target(chosen))}</span>
              <input value={vorgangTitle} maxLength={300} onChange={(e) => setVorgangTitle(e.target.value)} />
            </label>
            <button type="submit" className="btn" disabled={!vorgangTitle.trim() || newVorgang.pending}>
              {pe.newVorgangSubmit}
            </button>
          </form>
        )}
        {newVorgang.error && <ErrorNotice error={newVorgang.error} />}
        {deadline && (
          <p className="notice notice-info">
            {pe.deadline(formatDate(deadline.value))}{' '}
            {wvDone ? (
              <span role="status">{de.wiedervorlage.created(formatDate(wvDone))}</span>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                disabled={wv.pending}
                onClick={() => void wv.run(deadline.value).then((w) => w && setWvDone(w.dueDate))}
              >
                {pe.deadlineWv}
              </button>
            )}
          </p>
        )}
        {wv.error && <ErrorNotice error={wv.error} />}
      </section>
      <FileDocumentForm
        key={chosen?.kind === 'aktenplan' ? chosen.aktenplanNumber : 'correct'}
        doc={doc}
        title={chosen?.kind === 'aktenplan' ? pe.chooseAkte(chosen.aktenplanNumber) : pe.correctTitle}
        initialText={chosen?.kind === 'aktenplan' ? `${chosen.aktenplanNumber}-` : ''}
        searchRef={search}
        submit={file}
      />
      <PosteingangText text={proposal.text} marks={marks} />
      <section className="panel" aria-labelledby="posteingang-keys-title">
        <h3 id="posteingang-keys-title" className="panel-title">
          {pe.shortcutsTitle}
        </h3>
        <ShortcutList items={pe.shortcuts} />
      </section>
    </div>
  );
}
