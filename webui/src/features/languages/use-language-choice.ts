import { useCallback, useState } from "react";
import type { Language } from "./api/get-languages";

const kKey = "arena.language";

// Until the list has loaded: the editor is shown before GET /api/languages answers, in the
// language it will most likely have (the remembered one, else this), and switches if need be.
const kLikelyDefault = "cpp17";

// The language last picked, remembered across pages and reloads; the first C++ (or the first
// language) until the user picks one.
export function useLanguageChoice(languages: Language[] | undefined) {
  const [picked, setPicked] = useState<string | null>(() => {
    try {
      return localStorage.getItem(kKey);
    } catch {
      return null;
    }
  });
  const available = languages ?? [];
  const current =
    (languages === undefined ? (picked ?? kLikelyDefault) : undefined) ??
    available.find((language) => language.id === picked)?.id ??
    available.find((language) => language.id.startsWith("cpp"))?.id ??
    available[0]?.id ??
    "";
  const choose = useCallback((id: string) => {
    setPicked(id);
    try {
      localStorage.setItem(kKey, id);
    } catch {
      // not remembered; still picked for this page
    }
  }, []);
  return [current, choose] as const;
}
