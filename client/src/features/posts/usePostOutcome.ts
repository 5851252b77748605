import type { UserErrorFieldsFragment } from '../../gql/graphql';
import { outcomeOf } from './postErrors';

/** `outcome(payload)`: a mutation payload as useSubmit takes it (worded by describePostError / useSubmit's scopes). */
export function usePostOutcome() {
  return (payload: { userErrors: readonly UserErrorFieldsFragment[] } | null | undefined) => outcomeOf(payload);
}
