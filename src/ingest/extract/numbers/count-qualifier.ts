/** What a text says about a count besides its value: "au moins 12" is at-least, "10 à 15" a range. */
export type CountQualifier = 'exact' | 'at-least' | 'about' | 'more-than' | 'up-to' | 'range';
