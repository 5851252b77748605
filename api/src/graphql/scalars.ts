import { DateTimeResolver } from 'graphql-scalars';

/** The contract's `DateTime`: RFC 3339 strings. */
export const DateTime = DateTimeResolver;
