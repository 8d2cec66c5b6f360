import { useMemo } from "react";
import { renderStatement } from "./render-statement";

// Lazy chunk: the rendered statement (Markdown, math, sanitised).
export default function Statement({ source }: { source: string }) {
  const html = useMemo(() => renderStatement(source), [source]);
  return (
    <div
      data-testid="statement"
      className="statement max-w-none"
      // Safe: renderStatement sanitises with DOMPurify.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
