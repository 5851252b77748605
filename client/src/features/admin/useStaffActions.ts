import { useApolloClient, useMutation } from '@vue/apollo-composable';
import { shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeUserError } from '../../composables/describeUserError';
import {
  AdminEndRoomDocument,
  AdminReinstateUserDocument,
  AdminRemoveContentDocument,
  AdminRestoreContentDocument,
  AdminSetUserRoleDocument,
  AdminSuspendUserDocument,
  type Role,
  type StaffActionResultFragment,
  type UserErrorFieldsFragment,
} from '../../gql/graphql';

/** The staff actions that need a reason typed in (the API requires one), asked by AdminActionDialog. */
export type ReasonedAction = 'remove' | 'suspend' | 'endRoom';

/** What AdminActionDialog is asking for (null: closed). `submit` answers the userErrors to show, none on success. */
export interface ActionRequest {
  kind: ReasonedAction;
  /** What is acted on, for the dialog's title (a name, a post's title…); may be empty. */
  label: string;
  submit(reason: string, until: string | null): Promise<readonly UserErrorFieldsFragment[]>;
  /** Called once when the dialog closes: true after success, false when cancelled. */
  settle(done: boolean): void;
}

export type Notice = { tone: 'success' | 'error'; text: string };

/** The one reason dialog's request (AdminActionDialog, mounted once in AdminLayout, shows it). */
export const actionRequest = shallowRef<ActionRequest | null>(null);

/** AdminActionDialog's toast queue registers here, so actions without a dialog are confirmed too. */
let noticeSink: ((notice: Notice) => void) | null = null;
export function setNoticeSink(sink: ((notice: Notice) => void) | null): void {
  noticeSink = sink;
}
export function notify(notice: Notice): void {
  noticeSink?.(notice);
}

export const ADMIN_ERROR_SCOPES = ['admin.actions.errors'];

const UNEXPECTED: UserErrorFieldsFragment = { code: 'INTERNAL_SERVER_ERROR', field: null, message: '' };

/**
 * The staff actions of the console: remove/restore content, suspend/reinstate a user, end a room, set a role.
 * Each resolves true when it happened. Remove, suspend and end ask for the reason in AdminActionDialog first;
 * API errors are worded by describeUserError (in the dialog, or as an error toast), success is toasted, and the
 * lists on screen are fetched again so they show the new state.
 */
export function useStaffActions() {
  const { t } = useI18n();
  const { resolveClient } = useApolloClient();
  const remove = useMutation(AdminRemoveContentDocument);
  const restore = useMutation(AdminRestoreContentDocument);
  const suspend = useMutation(AdminSuspendUserDocument);
  const reinstate = useMutation(AdminReinstateUserDocument);
  const endRoom = useMutation(AdminEndRoomDocument);
  const setRole = useMutation(AdminSetUserRoleDocument);

  /** The payload's errors ([] on success); a thrown error becomes a network error. */
  async function errorsOf(run: () => Promise<StaffActionResultFragment | undefined>): Promise<readonly UserErrorFieldsFragment[]> {
    try {
      const payload = await run();
      if (!payload) return [UNEXPECTED];
      if (payload.userErrors.length) return payload.userErrors;
      return payload.action ? [] : [UNEXPECTED];
    } catch {
      return [{ code: 'NETWORK', field: null, message: '' }];
    }
  }

  function wordError(error: UserErrorFieldsFragment): string {
    return error.code === 'NETWORK' ? t('errors.network') : describeUserError(error, { scopes: ADMIN_ERROR_SCOPES });
  }

  function succeeded(kind: string, label: string): void {
    notify({ tone: 'success', text: t(`admin.actions.done.${kind}`, { label }) });
    void resolveClient().refetchQueries({ include: 'active' });
  }

  /** Opens the reason dialog; resolves when it closes. */
  function ask(kind: ReasonedAction, label: string, perform: ActionRequest['submit']): Promise<boolean> {
    actionRequest.value?.settle(false);
    return new Promise((resolve) => {
      actionRequest.value = {
        kind,
        label,
        submit: async (reason, until) => {
          const errors = await perform(reason, until);
          if (!errors.length) succeeded(kind, label);
          return errors;
        },
        settle: resolve,
      };
    });
  }

  /** An action without a reason: done at once, its error toasted. */
  async function direct(kind: string, label: string, perform: () => Promise<StaffActionResultFragment | undefined>): Promise<boolean> {
    const errors = await errorsOf(perform);
    if (errors.length) {
      notify({ tone: 'error', text: wordError(errors[0]!) });
      return false;
    }
    succeeded(kind, label);
    return true;
  }

  return {
    wordError,
    removeContent: (subjectId: string, label = '') =>
      ask('remove', label, (reason) => errorsOf(async () => (await remove.mutate({ subjectId, reason }))?.data?.removeContent)),
    restoreContent: (subjectId: string, label = '') =>
      direct('restore', label, async () => (await restore.mutate({ subjectId }))?.data?.restoreContent),
    suspendUser: (userId: string, label = '') =>
      ask('suspend', label, (reason, until) => errorsOf(async () => (await suspend.mutate({ userId, reason, until }))?.data?.suspendUser)),
    reinstateUser: (userId: string, label = '') =>
      direct('reinstate', label, async () => (await reinstate.mutate({ userId }))?.data?.reinstateUser),
    endRoom: (roomId: string, label = '') =>
      ask('endRoom', label, (reason) => errorsOf(async () => (await endRoom.mutate({ roomId, reason }))?.data?.endRoom)),
    setUserRole: (userId: string, role: Role, label = '') =>
      direct('setRole', label, async () => (await setRole.mutate({ userId, role }))?.data?.setUserRole),
  };
}
