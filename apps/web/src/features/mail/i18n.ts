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
};

export const mailI18n = { ja, en };
