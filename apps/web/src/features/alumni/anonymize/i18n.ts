/** Anonymizing a record on a deletion request (削除依頼による匿名化), from the record's page. */
const ja = {
  action: '削除依頼による匿名化',
  title: 'この方の個人情報を匿名化しますか？',
  lead: '本人から電話や書面などで削除の依頼を受けたときに使います。この操作は取り消せません。',
  effects: {
    cleared: '氏名・フリガナ・連絡先・現在の勤務先・スキル・関心・社内メモなどの個人情報を消去します。',
    kept: '社員番号・在籍期間・退職日・退職区分・退職理由の区分・部署・役職は、法令上の保存のため残します。',
    consents: 'すべての同意を撤回し、会員登録とログインアカウントを削除し、未使用の招待を取り消します。',
    audit: '操作は監査ログに記録されます（消去した内容は記録しません）。',
  },
  reason: '依頼の内容（受付日・方法など）',
  reasonPlaceholder: '例: 2026年11月20日 本人より電話で削除依頼',
  typeName: '確認のため、この方の氏名「{{name}}」を入力してください',
  nameMismatch: '氏名が一致しません。表示されている氏名をそのまま入力してください。',
  confirm: '匿名化する',
  done: '個人情報を匿名化しました。',
  anonymizedTitle: 'この記録は削除依頼により匿名化されています',
  anonymizedBody: '{{date}} に匿名化されました。編集や招待はできません。',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const en: Widen<typeof ja> = {
  action: 'Anonymize on request',
  title: 'Anonymize this person’s data?',
  lead: 'Use this when the person asked for deletion by phone, letter or in person. It cannot be undone.',
  effects: {
    cleared:
      'Name, furigana, contact details, current company, skills, interests, internal notes and other personal data are erased.',
    kept: 'Employee number, dates of employment, leave type, leave reason category, department and position are kept, as the law requires.',
    consents:
      'Every consent is withdrawn, the membership and sign-in account are removed, and open invitations revoked.',
    audit: 'The audit log records the action (never the erased values).',
  },
  reason: 'The request (when and how it was received)',
  reasonPlaceholder: 'e.g. Asked by phone on 20 Nov 2026',
  typeName: 'To confirm, type the person’s name “{{name}}”',
  nameMismatch: 'The name does not match. Type the name exactly as shown.',
  confirm: 'Anonymize',
  done: 'The personal data was anonymized.',
  anonymizedTitle: 'This record was anonymized on a deletion request',
  anonymizedBody: 'Anonymized on {{date}}. It can no longer be edited or invited.',
};

export const anonymizeI18n = { ja, en };
