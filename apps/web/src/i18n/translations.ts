/**
 * The English words of a part of the UI: the same keys as its Japanese words (the default),
 * every one a string, so a key missing in one language fails the typecheck.
 */
export type Translations<T> = { [K in keyof T]: T[K] extends string ? string : Translations<T[K]> };
