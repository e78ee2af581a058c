import { Badge, createTheme } from '@mantine/core';

/** Latin from the platform's UI font; Japanese glyphs fall through to a Japanese font (IPA on Linux). */
const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"Liberation Sans"',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  '"Yu Gothic UI"',
  'Meiryo',
  '"IPAPGothic"',
  '"IPAexGothic"',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  primaryColor: 'grape',
  fontFamily,
  headings: { fontFamily, fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    // Japanese has no capitals; English labels read better as written too
    Badge: Badge.extend({
      styles: { root: { textTransform: 'none', overflow: 'visible' }, label: { overflow: 'visible' } },
    }),
  },
});
