import type { ContestNotice } from "./use-contest-live";

// Toasts for live clarifications and announcements; they stay until dismissed.
export function ContestNotices({ notices, onDismiss }: { notices: ContestNotice[]; onDismiss: (key: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <div aria-live="polite" className="fixed right-4 bottom-4 z-10 flex w-80 flex-col gap-2">
      {notices.map((notice) => (
        <div
          key={notice.key}
          role="status"
          data-testid="contest-notice"
          className="flex items-start gap-2 rounded-md bg-slate-900 p-3 text-sm text-white shadow-lg"
        >
          <p className="flex-1 break-words">{notice.text}</p>
          <button type="button" aria-label="Dismiss" onClick={() => onDismiss(notice.key)} className="text-slate-400 hover:text-white">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
