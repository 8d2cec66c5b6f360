import { useCallback, useEffect, useState } from "react";
import { templateFor } from "./templates";

// The code for one (place, language): kept in localStorage so a reload or a language round
// trip does not lose work; a language never edited starts from its template.
export function useCodeDraft(place: string, languageId: string) {
  const key = `arena.draft.${place}.${languageId}`;
  const read = useCallback(() => {
    try {
      return localStorage.getItem(key) ?? templateFor(languageId);
    } catch {
      return templateFor(languageId);
    }
  }, [key, languageId]);
  const [code, setCode] = useState(read);

  useEffect(() => setCode(read()), [read]);

  const update = useCallback(
    (next: string) => {
      setCode(next);
      try {
        localStorage.setItem(key, next);
      } catch {
        // storage full: the draft lives in memory only
      }
    },
    [key],
  );
  return [code, update] as const;
}
