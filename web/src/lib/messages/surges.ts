/** The surges screens' labels, French first; i18n.ts merges them into the one dictionary. */
export const surgesFr = {} as const;

export const surgesEn: Record<keyof typeof surgesFr, string> = {};
