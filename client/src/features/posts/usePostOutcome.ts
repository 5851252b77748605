import { useI18n } from 'vue-i18n';
import type { UserErrorFieldsFragment } from '../../gql/graphql';
import { outcomeOf } from './postErrors';

/** `outcome(payload)`: a mutation payload as useSubmit takes it, in the page's language. */
export function usePostOutcome() {
  const { t, te, locale } = useI18n();
  const words = { get locale() { return locale.value; }, t: (key: string) => t(key), te: (key: string) => te(key) };
  return (payload: { userErrors: readonly UserErrorFieldsFragment[] } | null | undefined) => outcomeOf(payload, words);
}
