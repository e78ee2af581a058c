import type { Locale } from '@kizuna/contract';

/**
 * E-mails in the recipient's language. The subject is in that language only. The body leads with
 * it and keeps the other language below a heading (---- English ---- / ---- 日本語 ----), as is
 * common practice in Japanese business mail: someone whose language was guessed wrong can still
 * read it.
 *
 * Which language each mail is in:
 * - mail a person asks for through the web (a self-registration's confirmation, a sign-in link, a
 *   password reset): the language of that request, `localeOf(request)` — the web sends its UI
 *   language as `Accept-Language`;
 * - mail to people the product knows (staff and alumni invitations, a registration's decision):
 *   their stored language once the product stores one; none is stored yet, so Japanese
 *   (`KNOWN_RECIPIENT_LOCALE`).
 */
export interface Bilingual {
  ja: string;
  en: string;
}

/** The language of mail to a person whose language the product does not store. */
export const KNOWN_RECIPIENT_LOCALE: Locale = 'ja';

const OTHER_HEADING: Record<Locale, string> = { ja: '---- 日本語 ----', en: '---- English ----' };
const FOOTER: Bilingual = { ja: 'Kizuna（絆）アルムナイ・プラットフォーム', en: 'Kizuna alumni platform' };

export function localizedMail(locale: Locale, subject: Bilingual, body: Bilingual, link?: string) {
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  const footer = `—\n${FOOTER[locale]} / ${FOOTER[other]}`;
  const text = [body[locale], link ?? '', '', OTHER_HEADING[other], body[other], link ?? '', '', footer]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const para = (s: string) => `<p>${esc(s).replace(/\n/g, '<br>')}</p>`;
  const button = link ? `<p><a href="${esc(link)}">${esc(link)}</a></p>` : '';
  const html = `<!doctype html><html lang="${locale}"><body>${para(body[locale])}${button}<hr><div lang="${other}">${para(body[other])}${button}</div><p style="color:#888">${esc(footer).replace(/\n/g, '<br>')}</p></body></html>`;
  return { subject: subject[locale], text, html };
}
