/** A country of ISO 3166-1 with its French and English names, as countries.json stores it. */
export interface ReferenceCountry {
  readonly iso2: string;
  readonly iso3: string;
  /** ISO 3166-1 numeric code, three digits ("466"). */
  readonly numeric: string;
  readonly name: { readonly en: string; readonly fr: string };
  /** Other names: the library's variants and ACLED's English spellings ("Ivory Coast"). */
  readonly aliases: { readonly en: readonly string[]; readonly fr: readonly string[] };
}
