import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { UserErrorFieldsFragment } from '../../gql/graphql';
import { GraphqlRequestError } from '../../lib/graphqlFetch';

/** The API's userErrors name their field by path, e.g. ['input', 'password']: the last element is the field. */
export function fieldOf(error: Pick<UserErrorFieldsFragment, 'field'>): string | null {
  return error.field?.length ? error.field[error.field.length - 1]! : null;
}

/** Splits userErrors into per-field texts (for fields the form has) and general ones. */
export function splitUserErrors<T extends Pick<UserErrorFieldsFragment, 'field'>>(errors: readonly T[], fields: readonly string[]) {
  const byField: Record<string, T> = {};
  const general: T[] = [];
  for (const error of errors) {
    const field = fieldOf(error);
    if (field && fields.includes(field) && !byField[field]) byField[field] = error;
    else general.push(error);
  }
  return { byField, general };
}

/**
 * A form's error state: `fields[name]` next to each input, `general` in the form's
 * alert area. Texts are the API's own in English and translated by field and code
 * otherwise.
 */
export function useFormErrors(fieldNames: readonly string[]) {
  const { t, te, locale } = useI18n();
  const fields = ref<Record<string, string>>({});
  const general = ref<string[]>([]);

  function text(error: UserErrorFieldsFragment): string {
    if (locale.value === 'en') return error.message;
    const field = fieldOf(error) ?? 'any';
    for (const key of [`userErrors.${field}.${error.code}`, `userErrors.any.${error.code}`]) {
      if (te(key)) return t(key);
    }
    return error.message;
  }

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
    const network = error instanceof GraphqlRequestError ? error.code === 'NETWORK' : (error as { networkError?: unknown })?.networkError;
    general.value = [t(network ? 'errors.network' : 'errors.unexpected')];
  }

  return { fields, general, clear, setUserErrors, setException };
}

/** Focuses the first invalid input of a form after the DOM shows the errors. */
export function focusFirstInvalid(form: HTMLFormElement | null | undefined): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
