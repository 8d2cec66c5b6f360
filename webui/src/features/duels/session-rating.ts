import { loadSession, saveSession } from "../../lib/token-store";

// The header shows the rating stored with the session at login; a duel changes it. Writing the
// new figure into the stored session updates the header (and other tabs) without a new login.
// Whole points, as the server keeps users.rating (the duel's Glicko figures carry decimals).
export function syncSessionRating(userId: number, exactRating: number): void {
  const rating = Math.round(exactRating);
  const session = loadSession();
  if (!session || session.user.id !== userId || session.user.rating === rating) return;
  saveSession({ ...session, user: { ...session.user, rating } });
}
