import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { UserErrorFieldsFragment } from '../gql/graphql';
import { GraphqlRequestError } from '../lib/graphqlFetch';
import { describeUserError, errorField, type DescribeOptions, type UserErrorLike } from './describeUserError';

/** The API's userErrors name their field by path, e.g. ['input', 'password']: the last element (list indexes dropped) is the field. */
export const fieldOf = errorField;

/** Splits userErrors into per-field ones (for fields the form has) and general ones. */
export function splitUserErrors<T extends Pick<UserErrorLike, 'field'>>(errors: readonly T[], fields: readonly string[]) {
  const byField: Record<string, T> = {};
  const general: T[] = [];
  for (const error of errors) {
    const field = fieldOf(error);
    if (field && fields.includes(field) && !byField[field]) byField[field] = error;
    else general.push(error);
  }
  return { byField, general };
}

/** True for a failure to reach the server (as opposed to a fault on it). */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof GraphqlRequestError ? error.code === 'NETWORK' : !!(error as { networkError?: unknown } | null)?.networkError;
}

/**
 * A form's error state: `fields[name]` next to each input, `general` in the form's alert area.
 * Texts come from describeUserError (`scopes`: the feature's own texts, tried first).
 */
export function useFormErrors(fieldNames: readonly string[], options: Pick<DescribeOptions, 'scopes'> = {}) {
  const { t } = useI18n();
  const fields = ref<Record<string, string>>({});
  const general = ref<string[]>([]);
  const text = (error: UserErrorLike) => describeUserError(error, options);

  function clear(): void {
    fields.value = {};
    general.value = [];
  }

  function setUserErrors(errors: readonly UserErrorFieldsFragment[]): void {
    const split = splitUserErrors(errors, fieldNames);
    fields.value = Object.fromEntries(Object.entries(split.byField).map(([name, error]) => [name, text(error)]));
    general.value = split.general.map(text);
  }

  /** A thrown error (network, server fault): one general message. */
  function setException(error: unknown): void {
    clear();
    general.value = [t(isNetworkFailure(error) ? 'errors.network' : 'errors.unexpected')];
  }

  return { fields, general, clear, setUserErrors, setException };
}

/** Focuses the first invalid input of a form after the DOM shows the errors. */
export function focusFirstInvalid(form: HTMLFormElement | null | undefined): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
