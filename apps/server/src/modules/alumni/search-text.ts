/**
 * Japanese-aware search text. Most Japanese family names are two characters (田中, 佐藤), which
 * trigram indexes cannot narrow, so each alumnus keeps a normalized text and its character
 * unigrams and bigrams in a GIN-indexed array; a query's grams must all be present, then the
 * normalized text must contain the query.
 *
 * Normalization: NFKC (full-width ↔ half-width, ｶﾀｶﾅ → カタカナ), katakana → hiragana, case fold,
 * wave dashes (〜 U+301C, ～ U+FF5E, ~) unified, spaces removed, and variant kanji folded to their
 * common form (`kanji-variants.ts`: 髙→高, 﨑→崎, 邊/邉→辺, 齋→斎, 澤→沢, 國→国, …), so that 山崎 finds
 * 山﨑 and 髙橋 finds 高橋. Only the search text is folded: the stored and shown name keeps the
 * person's own glyph. Two different common kanji are never folded together (斉 and 斎 stay apart).
 */
import { kanjiVariants } from './kanji-variants.js';

const FIELD_SEPARATOR = '\u241F'; // ␟: never inside a field, so no gram spans two fields

/**
 * Variant kanji → their common form, one character for one character, as the last step: the text of a
 * row written before a change of the table is then its old text with the changed characters replaced,
 * which is what a re-fold migration does with translate() (drizzle/0008_search_text_kanji_variants.sql).
 */
const variantPattern = new RegExp(`[${Object.keys(kanjiVariants).join('')}]`, 'gu');

export function normalizeSearchText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)) // katakana → hiragana
    .replace(/[\u301C\uFF5E~\u2053\u223C]/g, '~')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '')
    .replace(variantPattern, (c) => kanjiVariants[c]!);
}

/** Unigrams and bigrams of each field (not across fields), deduplicated. */
export function searchGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const field of text.split(FIELD_SEPARATOR)) {
    const chars = Array.from(field);
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...grams];
}

/** The stored search text of a record: its searchable fields, normalized, kept apart. */
export function searchTextOf(fields: (string | null | undefined)[]): string {
  return fields
    .filter((f): f is string => !!f && f.trim() !== '')
    .map(normalizeSearchText)
    .join(FIELD_SEPARATOR);
}

/** What a query must match: its grams (for the index) and its normalized text (for the check). */
export function searchQuery(q: string): { text: string; grams: string[] } | null {
  const text = normalizeSearchText(q);
  if (!text) return null;
  const chars = Array.from(text);
  const grams = chars.length === 1 ? [text] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
  return { text, grams: [...new Set(grams)] };
}
