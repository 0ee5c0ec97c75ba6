import { Type, type TSchema } from 'typebox';

/**
 * A schema that also accepts null. Null comes first: query strings are coerced, and Ajv would
 * otherwise turn a JSON null into 0 or "" for the first branch.
 */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
