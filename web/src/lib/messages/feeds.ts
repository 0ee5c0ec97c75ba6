/** The feeds screens' labels, French first; i18n.ts merges them into the one dictionary. */
export const feedsFr = {} as const;

export const feedsEn: Record<keyof typeof feedsFr, string> = {};
