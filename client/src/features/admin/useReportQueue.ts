import type { ApolloCache, Reference } from '@apollo/client/core';
import { useApolloClient, useMutation, useSubscription } from '@vue/apollo-composable';
import { ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { usePagedQuery } from '../../composables/usePagedQuery';
import {
  AdminReportAddedDocument,
  AdminOpenReportIdsDocument,
  AdminReportGroupsDocument,
  AdminResolveReportDocument,
  type AdminReportAddedSubscription,
  type AdminReportGroupFieldsFragment,
  type ReportStatus,
  type UserErrorFieldsFragment,
} from '../../gql/graphql';
import { notify } from './useStaffActions';

export type ReportGroup = AdminReportGroupFieldsFragment;
type AddedReport = AdminReportAddedSubscription['reportAdded'];

interface StoredGroup {
  subjectId: string;
  reportCount: number;
  reasons: readonly string[];
  reports?: readonly Reference[];
  [field: string]: unknown;
}
interface StoredConnection {
  edges?: readonly { cursor: string; node: StoredGroup }[];
  totalCount?: number;
  [field: string]: unknown;
}

/**
 * A new report in the cached OPEN queue: its group counts one more (and shows it first among its reports),
 * or a new group is put at the top. Reports and subjects are normalized, the groups live in the list itself.
 */
function addToQueue(cache: ApolloCache<unknown>, report: AddedReport, subjectId: string): 'new' | 'grown' | null {
  let outcome: 'new' | 'grown' | null = null;
  cache.modify({
    fields: {
      reportGroups(value, { storeFieldName, toReference }) {
        const existing = value as StoredConnection;
        if (!storeFieldName.includes('"OPEN"')) return value;
        const reportRef = toReference({ __typename: 'Report', id: report.id });
        const subjectRef = report.subject?.__typename ? toReference({ __typename: report.subject.__typename, id: subjectId }) : null;
        if (!reportRef) return value;
        const edges = existing.edges ?? [];
        const at = edges.findIndex((e) => e.node.subjectId === subjectId);
        if (at >= 0) {
          const group = edges[at]!.node;
          if (group.reports?.some((r) => r.__ref === reportRef.__ref)) return value;
          outcome = 'grown';
          const grown: StoredGroup = {
            ...group,
            reportCount: group.reportCount + 1,
            reasons: group.reasons.includes(report.reason) ? group.reasons : [...group.reasons, report.reason],
            lastReportedAt: report.createdAt,
            reports: [reportRef, ...(group.reports ?? [])],
          };
          return { ...existing, edges: edges.map((e, i) => (i === at ? { ...e, node: grown } : e)) } as typeof value;
        }
        outcome = 'new';
        const group: StoredGroup = {
          __typename: 'ReportGroup',
          subjectId,
          reportCount: 1,
          reasons: [report.reason],
          firstReportedAt: report.createdAt,
          lastReportedAt: report.createdAt,
          reports: [reportRef],
          subject: subjectRef,
        };
        const edge = { __typename: 'ReportGroupEdge', cursor: `live:${report.id}`, node: group };
        return { ...existing, edges: [edge, ...edges], totalCount: (existing.totalCount ?? edges.length) + 1 } as typeof value;
      },
    },
  });
  return outcome;
}

/**
 * The reports queue: groups of one status (paged), live while it shows OPEN ones (`reportAdded` adds to the
 * list at once, marks the group as new and words an announcement), and the per-group verdicts Dismiss/Resolve
 * (every report of the group gets it).
 */
export function useReportQueue(status: Ref<ReportStatus>) {
  const { t } = useI18n();
  const { resolveClient } = useApolloClient();
  const list = usePagedQuery(
    AdminReportGroupsDocument,
    () => ({ status: status.value }),
    (data) => data.reportGroups,
  );
  const fresh = ref(new Set<string>());
  const announcement = shallowRef('');

  const live = useSubscription(AdminReportAddedDocument);
  live.onResult(({ data }) => {
    const report = data?.reportAdded;
    const subject = report?.subject;
    if (!report || !subject || !('id' in subject)) return;
    const outcome = addToQueue(resolveClient().cache, report, subject.id);
    if (!outcome) return;
    fresh.value = new Set(fresh.value).add(subject.id);
    announcement.value = t(`admin.reports.live.${outcome}`, {
      kind: t(`admin.reports.kind.${subject.__typename}`),
      reason: t(`moderation.reasons.${report.reason}`),
    });
  });

  const resolve = useMutation(AdminResolveReportDocument);
  const settling = ref(new Set<string>());

  /** Gives every open report about the group's subject the verdict (not only those shown); the first error stops it. */
  async function settle(group: ReportGroup, verdict: 'RESOLVED' | 'DISMISSED', resolution: string | null) {
    settling.value = new Set(settling.value).add(group.subjectId);
    let error: UserErrorFieldsFragment | null = null;
    try {
      const open = await resolveClient().query({
        query: AdminOpenReportIdsDocument,
        variables: { subjectId: group.subjectId },
        fetchPolicy: 'network-only',
      });
      for (const report of open.data.reports.nodes) {
        const payload = (await resolve.mutate({ reportId: report.id, status: verdict, resolution }))?.data?.resolveReport;
        if (payload?.userErrors.length) {
          error = payload.userErrors[0]!;
          break;
        }
      }
    } catch {
      error = { code: 'NETWORK', field: null, message: '' };
    } finally {
      const next = new Set(settling.value);
      next.delete(group.subjectId);
      settling.value = next;
    }
    if (!error) {
      notify({ tone: 'success', text: t(`admin.reports.done.${verdict}`) });
      await list.refetch();
    }
    return error;
  }

  return { list, fresh, announcement, settle, settling };
}
