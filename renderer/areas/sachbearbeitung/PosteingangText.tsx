import { useMemo, type ReactNode } from 'react';
import { pe } from './posteingang-de';

export interface Highlight {
  start: number;
  end: number;
  /** shown on hover and read out: what the marked text counted as */
  label: string;
}

/** Every occurrence of the words (as the classifier reads them: lower case letters) in the text. */
export function wordHighlights(text: string, words: readonly string[]): Highlight[] {
  const wanted = new Set(words);
  if (!wanted.size) return [];
  const out: Highlight[] = [];
  for (const m of text.matchAll(/\p{L}{2,}/gu)) {
    if (wanted.has(m[0].toLowerCase())) out.push({ start: m.index, end: m.index + m[0].length, label: pe.reasonWords });
  }
  return out;
}

/** Non-overlapping, in order: an earlier (or longer) mark wins over one that overlaps it. */
function segments(text: string, marks: readonly Highlight[]): ReactNode[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at || m.end > text.length || m.end <= m.start) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <mark key={m.start} title={m.label}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}

/** The document's text with the references and words that drove the chosen proposal marked. */
export function PosteingangText({ text, marks }: { text: string; marks: readonly Highlight[] }) {
  const content = useMemo(() => segments(text, marks), [text, marks]);
  return (
    <section className="panel" aria-labelledby="posteingang-text-title">
      <h3 id="posteingang-text-title" className="panel-title">
        {pe.textTitle}
      </h3>
      <p className="panel-subtitle">{pe.textHint}</p>
      {text.trim() ? (
        <div className="posteingang-text" tabIndex={0} aria-label={pe.textTitle}>
          {content}
        </div>
      ) : (
        <p className="empty-state">{pe.emptyText}</p>
      )}
    </section>
  );
}
