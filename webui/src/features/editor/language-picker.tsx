import type { Language } from "../languages/api/get-languages";

export function LanguagePicker({
  languages,
  value,
  onChange,
  disabled = false,
}: {
  languages: Language[];
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">Language</span>
      <select
        aria-label="Language"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {/* While the list loads: the language the editor already uses, so the box is not blank. */}
        {languages.length === 0 && <option value={value}>{value || "…"}</option>}
        {languages.map((language) => (
          <option key={language.id} value={language.id}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );
}
