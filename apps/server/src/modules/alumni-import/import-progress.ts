import type { ImportProgress } from '@kizuna/contract';

/** How long a finished apply's last state stays readable (the page's last poll comes after it). */
const KEEP_FINISHED_MS = 60_000;
/** Applies followed at once, per process; the oldest is forgotten beyond it. */
const MAX_FOLLOWED = 1_000;

interface Entry extends ImportProgress {
  finishedAt: number | null;
}

/**
 * Where each running CSV apply stands, for the page that started it to poll. In the process's memory:
 * the apply runs in one request and one transaction on this process, and nothing of it is visible
 * in the database before it commits. Keyed by the random id the page chose (a secret only that page
 * knows; what it reveals is three numbers). Behind several app servers a poll may reach another
 * process and find nothing; the page then shows a bar without figures.
 */
export class ImportProgressBoard {
  private readonly entries = new Map<string, Entry>();

  /**
   * Starts following an apply; returns the callbacks the apply reports through. An id already in
   * use by a running apply keeps its own figures (the second apply runs unfollowed).
   */
  follow(progressId: string) {
    this.sweep();
    const entry: Entry = { phase: 'checking', done: 0, total: 0, finishedAt: null };
    const running = this.entries.get(progressId);
    if (!running || running.finishedAt !== null) this.entries.set(progressId, entry);
    return {
      writing: (done: number, total: number) => {
        Object.assign(entry, { phase: done >= total ? 'saving' : 'writing', done, total });
      },
      finished: (ok: boolean) => {
        Object.assign(entry, { phase: ok ? 'done' : 'failed', finishedAt: Date.now() });
      },
    };
  }

  read(progressId: string): ImportProgress | null {
    const entry = this.entries.get(progressId);
    return entry ? { phase: entry.phase, done: entry.done, total: entry.total } : null;
  }

  private sweep() {
    const now = Date.now();
    for (const [key, entry] of this.entries)
      if (entry.finishedAt !== null && now - entry.finishedAt > KEEP_FINISHED_MS) this.entries.delete(key);
    while (this.entries.size >= MAX_FOLLOWED) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
