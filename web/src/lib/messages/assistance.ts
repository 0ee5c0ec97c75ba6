/** The assistance screens' labels, French first; i18n.ts merges them into the one dictionary. */
export const assistanceFr = {} as const;

export const assistanceEn: Record<keyof typeof assistanceFr, string> = {};
