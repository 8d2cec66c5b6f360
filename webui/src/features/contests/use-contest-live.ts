// Theory of operation: the contest pages join `contest:<id>` (everyone who can see the contest)
// and, for proctors, `contest:<id>:jury`; private answers arrive on the user's own channel,
// which every connection is on. Events only say that something changed: the page refetches
// over REST (so a missed event costs nothing after a reconnect, which refetches everything)
// and raises a notice for clarifications and announcements, which a contestant must not miss.
import { useCallback, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLiveChannel, useLiveEvents, useOnLiveConnect } from "../../lib/use-live";
import type { LiveEvent } from "../../lib/live-client";
import { useSession } from "../auth/session-context";
import { clarificationsKey } from "./api/get-clarifications";

export interface ContestNotice {
  key: number;
  text: string;
}

let nextNoticeKey = 1;

// The notice an event deserves, or null (scoreboard and settings changes refetch silently, and
// nobody is told about what they did themselves).
export function noticeFor(event: LiveEvent, contestId: number, selfId: number | undefined): string | null {
  if (Number(event.data.contest_id) !== contestId) return null;
  const actor = event.type === "clarification.new" ? event.data.from_user_id : event.data.answered_by;
  if (selfId !== undefined && actor === selfId) return null;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  switch (event.type) {
    case "announcement":
      return `Announcement: ${text(event.data.answer)}`;
    case "clarification.answered":
      return `Clarification answered: ${text(event.data.answer)}`;
    case "clarification.new":
      return `New question: ${text(event.data.question)}`;
    default:
      return null;
  }
}

export function isProctor(role: string | undefined): boolean {
  return role === "proctor" || role === "admin";
}

export function useContestLive(contestId: number) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [notices, setNotices] = useState<ContestNotice[]>([]);
  const proctor = isProctor(session?.user.role);
  const selfId = session?.user.id;

  useLiveChannel(session ? `contest:${contestId}` : null);
  useLiveChannel(session && proctor ? `contest:${contestId}:jury` : null);

  const refetchAll = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ["contest", contestId] }),
    [queryClient, contestId],
  );
  useOnLiveConnect(refetchAll);

  useLiveEvents(
    useCallback(
      (event: LiveEvent) => {
        if (Number(event.data.contest_id) !== contestId) return;
        if (event.type === "contest.scoreboard") {
          void queryClient.invalidateQueries({ queryKey: ["contest", contestId, "scoreboard"] });
        } else if (event.type === "contest.updated") {
          void queryClient.invalidateQueries({ queryKey: ["contest", contestId], exact: true });
          void queryClient.invalidateQueries({ queryKey: ["contest", contestId, "problems"] });
        }
        if (event.type.startsWith("clarification.") || event.type === "announcement") {
          void queryClient.invalidateQueries({ queryKey: clarificationsKey(contestId) });
        }
        const notice = noticeFor(event, contestId, selfId);
        if (notice !== null) {
          setNotices((previous) => [...previous.slice(-2), { key: nextNoticeKey++, text: notice }]);
        }
      },
      [queryClient, contestId, selfId],
    ),
  );

  const dismiss = useCallback((key: number) => setNotices((previous) => previous.filter((n) => n.key !== key)), []);
  return { notices, dismiss, proctor };
}
