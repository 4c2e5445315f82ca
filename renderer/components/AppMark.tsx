/** The product mark: a stylised file folder with a tab, in the municipal blue. Decorative. */
export function AppMark({ size = 32 }: { size?: number }) {
  return (
    <svg className="app-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="5" className="app-mark-bg" />
      <path d="M7 10.5h7l2 2h9v10.5H7z" className="app-mark-folder" />
      <path d="M7 14.5h18" className="app-mark-line" />
    </svg>
  );
}
