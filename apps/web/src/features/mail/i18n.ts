import type { mailTransports } from '@kizuna/contract';
import type { Translations } from '../../i18n/translations';

/** The sent mail screens (送信メール): what the system sent, or kept when no SMTP is set. */
const ja = {
  nav: '送信メール',
  card: 'システムから送信されたメールを確認します。',
  title: '送信メール',
  lead: 'システムから送信されたメールです。SMTP 未設定の環境では、メールはここに保存されます。',
  filterTo: '宛先で絞り込み',
  filterToPlaceholder: 'メールアドレスを入力',
  to: '宛先',
  subject: '件名',
  createdAt: '日時',
  status: '状態',
  transports: {
    database: '保存のみ',
    smtp: 'SMTP',
  } satisfies Record<(typeof mailTransports)[number], string>,
  sent: '送信済み',
  pending: '未送信',
  failed: '送信失敗',
  empty: '送信メールはありません。',
  back: '送信メール一覧に戻る',
  body: '本文',
  transport: '送信方法',
  erasedTo: '（削除済み）',
  keptNotice:
    'SMTP が設定されていないため、メールは送信されずにここに保存されます（開発・デモ用）。本文にはログイン・パスワード再設定・招待のリンクが含まれ、閲覧は監査ログに記録されます。本番環境（NODE_ENV=production）では SMTP の設定が必須です。',
  smtpNotice:
    'メールは SMTP で送信しています。本文（ログイン・パスワード再設定・招待のリンクを含む）は保存せず、宛先・件名・状態・日時・エラーのみを記録しています。',
  bodyNotKept:
    'このメールの本文は保存していません。SMTP で送信したメールは、リンクを含む本文を残さず、宛先・件名・状態・日時・エラーのみを記録します。',
  bodyErased: '本人の削除依頼により、このメールの宛先と本文は消去されました（{{date}}）。',
};

const en: Translations<typeof ja> = {
  nav: 'Outgoing mail',
  card: 'Read the e-mail the system has sent.',
  title: 'Outgoing mail',
  lead: 'E-mail sent by the system. Without SMTP configured, mail is kept here.',
  filterTo: 'Filter by recipient',
  filterToPlaceholder: 'E-mail address',
  to: 'To',
  subject: 'Subject',
  createdAt: 'Date',
  status: 'Status',
  transports: {
    database: 'Kept only',
    smtp: 'SMTP',
  },
  sent: 'Sent',
  pending: 'Not sent',
  failed: 'Failed',
  empty: 'No outgoing mail.',
  back: 'Back to outgoing mail',
  body: 'Body',
  transport: 'Transport',
  erasedTo: '(erased)',
  keptNotice:
    'No SMTP server is configured, so mail is not sent but kept here (for development and demos). Bodies hold sign-in, password-reset and invitation links, and every read is recorded in the audit log. Production (NODE_ENV=production) requires SMTP.',
  smtpNotice:
    'Mail is sent over SMTP. Bodies (with their sign-in, password-reset and invitation links) are not kept: only recipient, subject, status, times and errors are recorded.',
  bodyNotKept:
    'The body of this message is not kept. Mail sent over SMTP is recorded without its body and links: recipient, subject, status, times and errors only.',
  bodyErased:
    'The recipient asked for their data to be deleted: the address and body of this message were erased ({{date}}).',
};

export const mailI18n = { ja, en };
