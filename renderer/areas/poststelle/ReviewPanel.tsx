import { useState } from 'react';
import type { MethodOutput } from '../../../contract/methods';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { arrange, type Arrangement } from './arrangement';
import { t } from './texts';

type Review = MethodOutput<'intake.getReview'>;

/**
 * A recognised document before it is filed: pages as thumbnails to reorder, turn, drop, split into
 * further documents or merge back; confirming sends the arrangement to `intake.reviseDocument`.
 */
export function ReviewPanel({ uuid, onClose }: { uuid: string; onClose: () => void }) {
  const api = useApi();
  const review = useQuery(() => api.call('intake.getReview', { uuid }), [uuid]);
  if (review.error) return <ErrorNotice error={review.error} onRetry={review.reload} />;
  if (!review.data) return <p className="loading">…</p>;
  return <Arranger key={uuid} review={review.data} onClose={onClose} />;
}

function Arranger({ review, onClose }: { review: Review; onClose: () => void }) {
  const api = useApi();
  const [a, setA] = useState<Arrangement>(() => arrange.initial(review.pages.map((p) => p.page)));
  const byPage = new Map(review.pages.map((p) => [p.page, p]));
  const confirm = useCommand(async () => {
    await api.call('intake.reviseDocument', {
      uuid: review.uuid,
      documents: a.documents.map((d) => d.map((p) => ({ ...p }))),
    });
    onClose();
  });
  const valid = a.documents.length > 0;

  return (
    <section className="review" aria-labelledby="review-title">
      <h2 id="review-title" className="section-title">
        {t.review.title(review.label)}
      </h2>
      <p className="hint">{t.review.intro}</p>
      <p className="hint">{t.review.blanks(review.blankPagesRemoved)}</p>
      {a.documents.map((doc, d) => (
        <div key={d} className="review-doc" role="group" aria-label={t.review.document(d + 1)}>
          <div className="review-doc-head">
            <h3 className="panel-subtitle">{t.review.document(d + 1)}</h3>
            {d > 0 && (
              <button type="button" className="btn btn-small" onClick={() => setA(arrange.merge(a, d))}>
                {t.review.merge(d + 1)}
              </button>
            )}
          </div>
          <ol className="review-pages">
            {doc.map((choice, i) => {
              const page = byPage.get(choice.page)!;
              const n = choice.page;
              return (
                <li key={n} className="review-page">
                  <span className="review-thumb-box">
                    <img
                      className="review-thumb"
                      src={page.thumbnail}
                      alt={t.review.thumbAlt(n)}
                      style={{ transform: `rotate(${choice.rotate}deg)` }}
                    />
                  </span>
                  <span className="cell-strong">{t.review.page(n)}</span>
                  <span className="hint">
                    {[t.review.rotation(choice.rotate), t.review.confidence(page.confidence)]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  <div className="review-tools">
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t.review.left(n)}
                      disabled={d === 0 && i === 0}
                      onClick={() => setA(arrange.move(a, n, -1))}
                    >
                      ←
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t.review.right(n)}
                      disabled={d === a.documents.length - 1 && i === doc.length - 1}
                      onClick={() => setA(arrange.move(a, n, 1))}
                    >
                      →
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t.review.rotate(n)}
                      onClick={() => setA(arrange.rotate(a, n))}
                    >
                      ↻
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      onClick={() => setA(arrange.drop(a, n))}
                    >
                      {t.review.drop(n)}
                    </button>
                    {i > 0 && (
                      <button
                        type="button"
                        className="btn btn-small btn-quiet"
                        onClick={() => setA(arrange.split(a, n))}
                      >
                        {t.review.split(n)}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
      <div className="review-dropped">
        <h3 className="panel-subtitle">{t.review.dropped}</h3>
        {a.dropped.length === 0 ? (
          <p className="hint">{t.review.droppedNone}</p>
        ) : (
          <ul className="link-list">
            {a.dropped.map((n) => (
              <li key={n}>
                <button type="button" className="btn btn-small" onClick={() => setA(arrange.restore(a, n))}>
                  {t.review.restore(n)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {!valid && <p className="notice notice-warn">{t.review.needOnePage}</p>}
      {confirm.error && <ErrorNotice error={confirm.error} />}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!valid || confirm.pending}
          onClick={() => void confirm.run()}
        >
          {confirm.pending ? t.review.confirming : t.review.confirm}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t.review.cancel}
        </button>
      </div>
    </section>
  );
}
