/** Fields showing an error: Mantine's inputs carry `aria-invalid` with their `error`. */
const INVALID = '[aria-invalid="true"]';

/**
 * After a submit that failed (the form's own check or the server's field errors): scrolls the
 * first field in error of `form`, in page order, into the middle of the screen and focuses it,
 * so that on a phone the message is in view and the keyboard opens on that field.
 *
 * It waits for the field to be drawn with its error: the messages are set in the same handler,
 * and a server's answer reaches the page a few frames later.
 */
export function focusFirstError(form: HTMLElement | null | undefined, frames = 20) {
  const attempt = (left: number) => {
    const first = form?.isConnected ? form.querySelector<HTMLElement>(INVALID) : null;
    if (!first) {
      if (left > 0) requestAnimationFrame(() => attempt(left - 1));
      return;
    }
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    first.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
    first.focus({ preventScroll: true });
  };
  requestAnimationFrame(() => attempt(frames));
}
