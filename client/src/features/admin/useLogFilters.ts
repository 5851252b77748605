import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useDebounced } from '../../composables/useDebounced';
import { AdminLogModeratorDocument, type ModerationActionType } from '../../gql/graphql';
import { globalIdType } from './globalIds';

export const ACTION_TYPES: readonly ModerationActionType[] = [
  'REMOVE_CONTENT',
  'RESTORE_CONTENT',
  'SUSPEND_USER',
  'REINSTATE_USER',
  'END_ROOM',
  'RESOLVE_REPORT',
  'DISMISS_REPORT',
  'SET_ROLE',
];

/**
 * The moderation log's filters, kept in the query string (`?type=&moderator=&subject=`): the action type,
 * the moderator (a username, or a user's id) and the subject's id. `moderatorId` is null while a typed username
 * names nobody (`moderatorUnknown`), and the list waits meanwhile.
 */
export function useLogFilters() {
  const route = useRoute();
  const router = useRouter();

  function queryParam(name: string) {
    return computed<string>({
      get: () => String(route.query[name] ?? ''),
      set: (value) => void router.replace({ query: { ...route.query, [name]: value.trim() ? value : undefined } }),
    });
  }
  const typeText = queryParam('type');
  const moderator = queryParam('moderator');
  const subject = queryParam('subject');

  const type = computed(() =>
    (ACTION_TYPES as readonly string[]).includes(typeText.value) ? (typeText.value as ModerationActionType) : null,
  );
  const moderatorText = useDebounced(() => moderator.value.trim().replace(/^@/, ''), 300, moderator.value.trim().replace(/^@/, ''));
  const subjectId = useDebounced(() => subject.value.trim(), 300, subject.value.trim());

  const moderatorIsId = computed(() => globalIdType(moderatorText.value) === 'User');
  const lookup = useQuery(
    AdminLogModeratorDocument,
    () => ({ query: moderatorText.value }),
    () => ({ enabled: !!moderatorText.value && !moderatorIsId.value }),
  );
  const found = computed(() => {
    const wanted = moderatorText.value.toLowerCase();
    return lookup.result.value?.adminUsers.nodes.find((u) => u.username.toLowerCase() === wanted)?.id ?? null;
  });
  const moderatorId = computed(() => (!moderatorText.value ? null : moderatorIsId.value ? moderatorText.value : found.value));
  const moderatorPending = computed(() => !!moderatorText.value && !moderatorIsId.value && lookup.loading.value);
  const moderatorUnknown = computed(() => !!moderatorText.value && !moderatorId.value && !moderatorPending.value);

  return { typeText, moderator, subject, type, moderatorId, subjectId, moderatorPending, moderatorUnknown };
}
