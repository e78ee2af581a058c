/** The privacy notice's words (個人情報の取扱い): the current version and publishing a new one. */
const ja = {
  nav: '個人情報の取扱い',
  card: '会員に示すプライバシーポリシーと利用目的を確認し、新しい版を公開します。',
  title: '個人情報の取扱い（プライバシーポリシー）',
  lead: 'アルムナイが会員登録するときに同意する内容です。利用目的ごとに、どの版に同意したかが記録されます。',
  current: '現在の版',
  version: '第{{version}}版',
  publishedAt: '{{date}} 公開',
  purposes: '利用目的',
  required: '必須',
  body: '本文',
  newVersion: '新しい版を作成',
  newVersionLead: '本文と利用目的を変更して公開すると、新しい版になります。公開済みの版は変更できません。',
  editBody: '本文',
  bodyPlaceholder: '個人情報の取扱いについて、利用目的・保管期間・問い合わせ先などを記載してください。',
  choosePurposes: '同意を求める利用目的',
  purposesHint: '「会員情報の管理」は会員であるために必須のため、外せません。',
  publish: '第{{version}}版として公開',
  cancel: '作成をやめる',
  confirmTitle: '第{{version}}版を公開しますか？',
  confirmBody:
    '公開すると、すべての会員に新しい版への同意を改めてお願いします。会員は次にポータルを開いたときに新しい内容を確認し、利用目的ごとに同意し直します。これから登録する方には新しい版が表示されます。公開した版は取り消せません。',
  confirm: '公開する',
  published: '第{{version}}版を公開しました。会員に改めて同意をお願いします。',
  unchanged: '本文と利用目的が現在の版と同じです。変更してから公開してください。',
  history: '版は公開するたびに1つずつ増えます。過去の版と同意の記録は保存されています。',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const en: Widen<typeof ja> = {
  nav: 'Privacy notice',
  card: 'The privacy notice and purposes of use members agree to; publish a new version.',
  title: 'Privacy notice',
  lead: 'What alumni agree to when they register. Each consent is recorded per purpose with the version agreed to.',
  current: 'Current version',
  version: 'Version {{version}}',
  publishedAt: 'Published {{date}}',
  purposes: 'Purposes of use',
  required: 'Required',
  body: 'Text',
  newVersion: 'Write a new version',
  newVersionLead:
    'Change the text and the purposes and publish them as a new version. Published versions never change.',
  editBody: 'Text',
  bodyPlaceholder: 'How personal data is handled: purposes, how long it is kept, whom to ask.',
  choosePurposes: 'Purposes members are asked to agree to',
  purposesHint: '“Keeping your member record” is required for membership and cannot be removed.',
  publish: 'Publish as version {{version}}',
  cancel: 'Discard draft',
  confirmTitle: 'Publish version {{version}}?',
  confirmBody:
    'All members will be asked to agree again. The next time they open the portal they read the new text and consent per purpose again; people registering from now on see the new version. A published version cannot be withdrawn.',
  confirm: 'Publish',
  published: 'Version {{version}} published. Members will be asked to agree again.',
  unchanged: 'The text and purposes are the same as the current version. Change something first.',
  history: 'Each publication adds a version. Earlier versions and the consents given to them are kept.',
};

export const privacyNoticeI18n = { ja, en };
