import type { SnippetPart } from '../../contract/schemas/search';

/** Search snippet: hits as <mark>. The parts are text, never markup, so nothing from a document is parsed as HTML. */
export function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <p className="snippet">
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}
