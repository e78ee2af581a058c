/**
 * E-mails go out in Japanese with an English version below: the recipient's language is not
 * known before they sign in, and bilingual mail is common practice in Japanese business.
 */
export interface Bilingual {
  ja: string;
  en: string;
}

const FOOTER = '—\nKizuna（絆）アルムナイ・プラットフォーム / Kizuna alumni platform';

export function bilingualMail(subject: Bilingual, body: Bilingual, link?: string) {
  const text = [body.ja, link ?? '', '', '---- English ----', body.en, link ?? '', '', FOOTER]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const para = (s: string) => `<p>${esc(s).replace(/\n/g, '<br>')}</p>`;
  const button = link ? `<p><a href="${esc(link)}">${esc(link)}</a></p>` : '';
  const html = `<!doctype html><html><body>${para(body.ja)}${button}<hr>${para(body.en)}${button}<p style="color:#888">${esc(FOOTER).replace(/\n/g, '<br>')}</p></body></html>`;
  return { subject: `${subject.ja} / ${subject.en}`, text, html };
}
