import { ref, useTemplateRef } from 'vue';
import type { UserErrorFieldsFragment } from '../gql/graphql';
import type { DescribeOptions } from './describeUserError';
import { focusFirstInvalid, useFormErrors } from './useFormErrors';

export type Outcome = { ok: true } | { ok: false; userErrors: readonly UserErrorFieldsFragment[] };

/**
 * The submit cycle every form shares: one request at a time, errors cleared on
 * each try, userErrors placed by field, thrown errors shown as general ones.
 * The form element is the calling component's template ref named `form`; `scopes` are the
 * feature's own error texts (see describeUserError).
 */
export function useSubmit(fieldNames: readonly string[], options: Pick<DescribeOptions, 'scopes'> = {}) {
  const errors = useFormErrors(fieldNames, options);
  const pending = ref(false);
  const form = useTemplateRef<HTMLFormElement>('form');

  async function run(send: () => Promise<Outcome>): Promise<boolean> {
    if (pending.value) return false;
    pending.value = true;
    errors.clear();
    try {
      const outcome = await send();
      if (outcome.ok) return true;
      errors.setUserErrors(outcome.userErrors);
      focusFirstInvalid(form.value);
      return false;
    } catch (error) {
      errors.setException(error);
      return false;
    } finally {
      pending.value = false;
    }
  }

  return { errors, pending, run };
}
