/** The alerts screens' labels, French first; i18n.ts merges them into the one dictionary. */
export const alertsFr = {} as const;

export const alertsEn: Record<keyof typeof alertsFr, string> = {};
