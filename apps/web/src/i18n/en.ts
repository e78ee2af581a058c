import type { ja } from './ja';
import type { Translations } from './translations';

/** The shell's English words: the same keys as `ja.ts`. */
export const en: Translations<typeof ja> = {
  app: {
    name: 'Kizuna',
    kanji: '絆',
    tagline: 'Turn alumni bonds into company strength.',
    loading: 'Loading…',
    language: 'Language',
    switchToEnglish: 'English',
    switchToJapanese: '日本語',
    openNavigation: 'Open navigation',
    closeNavigation: 'Close navigation',
    skipToContent: 'Skip to main content',
  },
  nav: {
    home: 'Home',
    operatorSection: 'Operator',
    companySection: 'Company',
  },
  errors: {
    network: 'Could not reach the server. Check your connection.',
    generic: 'Something went wrong. Please try again later.',
    loadFailed: 'Could not load the data.',
    retry: 'Retry',
  },
  pages: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'The page you are looking for may have moved or been removed, or the address may be wrong.',
    forbiddenTitle: 'You are not allowed to see this page',
    forbiddenBody: 'Your account cannot open this page. Ask your administrator if you need access.',
    backHome: 'Back to home',
    goSignIn: 'Go to sign-in',
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    confirm: 'Confirm',
    loadMore: 'Load more',
    yes: 'Yes',
    no: 'No',
    none: '—',
  },
};
