import { useMutation } from '@vue/apollo-composable';
import { shallowRef } from 'vue';
import { ReportContentDocument, type ReportReason, type UserErrorFieldsFragment } from '../../gql/graphql';

/** What is being reported: a post, a comment, a message of a call's or room's chat, or a person (their profile). */
export interface ReportTarget {
  kind: 'post' | 'comment' | 'chatMessage' | 'room' | 'user';
  subjectId: string;
  /** The person's name (kind `user`), for the dialog's title. */
  name?: string;
}

/** The reasons of the API's `ReportReason`, in the order the dialog lists them. */
export const REPORT_REASONS: readonly ReportReason[] = [
  'SPAM',
  'HARASSMENT',
  'HATE',
  'VIOLENCE',
  'NUDITY',
  'SELF_HARM',
  'IMPERSONATION',
  'OTHER',
];

export const COMMENT_MAX = 1000;

/** The one report dialog's subject (null: closed). ModerationReportDialog (in the shell) shows it. */
export const reportTarget = shallowRef<ReportTarget | null>(null);

/** Opens the report dialog for `target` (the focus returns to where it was when the dialog closes). */
export function openReport(target: ReportTarget): void {
  reportTarget.value = target;
}

export type ReportOutcome = { ok: true } | { ok: false; userErrors: readonly UserErrorFieldsFragment[] };

/** `reportContent` for the dialog: `submit` answers ok, or the userErrors to show. */
export function useReportContent() {
  const { mutate, loading } = useMutation(ReportContentDocument);
  async function submit(subjectId: string, reason: ReportReason, comment: string): Promise<ReportOutcome> {
    const text = comment.trim();
    const payload = (await mutate({ input: { subjectId, reason, comment: text || null } }))?.data?.reportContent;
    if (payload?.report && !payload.userErrors.length) return { ok: true };
    return {
      ok: false,
      userErrors: payload?.userErrors.length ? payload.userErrors : [{ code: 'INTERNAL_SERVER_ERROR', field: null, message: '' }],
    };
  }
  return { submit, loading };
}
