/** The company's public alumni page (/network/:slug) and its e-mail verification. */
const ja = {
  eyebrow: 'アルムナイネットワーク',
  title: '{{company}} アルムナイネットワーク',
  defaultIntro:
    '{{company}}を退職された方のための会員制ネットワークです。求人や副業のご案内、イベントのお知らせなどをお届けします。',
  openPostings_one: '募集中の求人 {{count}}件',
  openPostings_other: '募集中の求人 {{count}}件',
  benefits: {
    jobs: '再雇用・副業のご案内',
    events: 'イベント・交流のお知らせ',
    control: '受け取る内容は自分で選べます',
  },
  formTitle: '会員登録',
  formLead: '招待メールが届いていない方はこちらから登録できます。ご本人確認のため、メールをお送りします。',
  email: 'メールアドレス',
  emailHint: '個人のメールアドレスをお使いください',
  familyName: '姓',
  givenName: '名',
  familyNameKana: 'セイ',
  givenNameKana: 'メイ',
  optionalTitle: '在籍時の情報（任意）',
  optionalLead: '会社があなたの在籍記録を見つけやすくなります。',
  employeeNumber: '社員番号',
  leaveYear: '退職した年',
  leaveYearPlaceholder: '例: 2023',
  department: '在籍時の部署',
  submit: '確認メールを送る',
  sentTitle: 'メールを確認してください',
  sentBody:
    '{{email}} に確認用のリンクを送りました。メールを開いてリンクを押すと、登録が完了します。届かない場合は迷惑メールフォルダもご確認ください。',
  sentAgain: '入力内容を修正する',
  notFoundTitle: 'このページは公開されていません',
  notFoundBody: 'アドレスが正しいかご確認ください。会社がアルムナイページを公開していない可能性があります。',
  verify: {
    title: 'メールアドレスの確認',
    lead: '{{company}}のアルムナイネットワークへの登録を確定します。',
    email: 'メールアドレス',
    expiresAt: 'リンクの有効期限',
    confirm: '登録を確定する',
    registeredTitle: '登録が完了しました',
    registeredBody:
      '{{company}}のアルムナイ会員になりました。マイページへは、メールで届くリンクからログインできます。',
    sendLink: 'ログイン用リンクを送る',
    linkSent: '{{email}} にログイン用のリンクを送りました。',
    queuedTitle: '登録を受け付けました',
    queuedBody:
      '{{company}}の担当者が在籍記録と照合します。確認が済みしだい、{{email}} にご連絡します。しばらくお待ちください。',
    invalidTitle: 'このリンクは使えません',
    invalidBody: '確認用リンクの有効期限が切れているか、既に使われています。もう一度登録してください。',
  },
};

const en: typeof ja = {
  eyebrow: 'Alumni network',
  title: '{{company}} alumni network',
  defaultIntro:
    'A members’ network for people who used to work at {{company}}: job and side-job openings, events and news.',
  openPostings_one: '{{count}} open job',
  openPostings_other: '{{count}} open jobs',
  benefits: {
    jobs: 'Openings for rejoining and side jobs',
    events: 'Events and get-togethers',
    control: 'You choose what you receive',
  },
  formTitle: 'Join',
  formLead:
    'No invitation e-mail? Register here. We send you an e-mail to confirm that the address is yours.',
  email: 'E-mail',
  emailHint: 'Please use a personal address',
  familyName: 'Family name',
  givenName: 'Given name',
  familyNameKana: 'Family name (kana)',
  givenNameKana: 'Given name (kana)',
  optionalTitle: 'When you worked here (optional)',
  optionalLead: 'Helps the company find your employment record.',
  employeeNumber: 'Employee number',
  leaveYear: 'Year you left',
  leaveYearPlaceholder: 'e.g. 2023',
  department: 'Department',
  submit: 'Send confirmation e-mail',
  sentTitle: 'Check your e-mail',
  sentBody:
    'We sent a confirmation link to {{email}}. Open the e-mail and follow the link to finish. If it does not arrive, check your spam folder.',
  sentAgain: 'Correct my details',
  notFoundTitle: 'This page is not published',
  notFoundBody: 'Please check the address. The company may not have published its alumni page.',
  verify: {
    title: 'Confirm your e-mail',
    lead: 'Finish joining the {{company}} alumni network.',
    email: 'E-mail',
    expiresAt: 'Link valid until',
    confirm: 'Confirm registration',
    registeredTitle: 'You are registered',
    registeredBody:
      'You are now a member of the {{company}} alumni network. Sign in to your page with a link we e-mail you.',
    sendLink: 'E-mail me a sign-in link',
    linkSent: 'We sent a sign-in link to {{email}}.',
    queuedTitle: 'Registration received',
    queuedBody:
      '{{company}} will match you with its employment records. We will write to {{email}} once that is done.',
    invalidTitle: 'This link cannot be used',
    invalidBody: 'The confirmation link has expired or has already been used. Please register again.',
  },
};

export const networkI18n = { ja, en };
