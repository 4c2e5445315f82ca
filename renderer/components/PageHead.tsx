import type { ReactNode } from 'react';

/**
 * The head of a work page: its one h1 (with an optional sub-title in it), what stands beside the title
 * (a badge, a count, a filter) and an optional intro line under it.
 */
export function PageHead({ title, sub, intro, children }: { title: ReactNode; sub?: ReactNode; intro?: ReactNode; children?: ReactNode }) {
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">
          {title}
          {sub !== undefined && <span className="page-title-sub"> · {sub}</span>}
        </h1>
        {children}
      </div>
      {intro !== undefined && <p className="hint">{intro}</p>}
    </>
  );
}
