/**
 * Debounces analysis per file and drops stale results: a run that started before the latest edit is not
 * published, and only one run is in flight at a time, so typing never queues up work.
 */
export class AnalysisScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private generation = 0;
  private readonly idleWaiters = new Set<() => void>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (file: string, isCurrent: () => boolean) => Promise<void>,
    private readonly onError: (file: string, error: unknown) => void,
  ) {}

  /** Something changed: results computed before now are stale. */
  markEdited(): void {
    this.generation++;
  }

  schedule(file: string, delayMs = this.delayMs): void {
    if (this.stopped) return;
    this.pending.add(file);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delayMs);
  }

  /** Nothing is queued, waiting for its debounce or running: no result is on its way. */
  isIdle(): boolean {
    return !this.running && !this.timer && this.pending.size === 0;
  }

  /** Resolves when the scheduler is next idle (at once if it is). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  private async drain(): Promise<void> {
    this.timer = undefined;
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.size > 0) {
        const [file] = this.pending;
        this.pending.delete(file);
        const started = this.generation;
        try {
          await this.run(file, () => this.generation === started);
        } catch (error) {
          this.onError(file, error);
        }
        // Let queued LSP messages (keystrokes) in between two files.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
      if (this.pending.size > 0 && !this.timer) this.timer = setTimeout(() => void this.drain(), 0);
      this.notifyIfIdle();
    }
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = [...this.idleWaiters];
    this.idleWaiters.clear();
    for (const resolve of waiters) resolve();
  }

  /**
   * Nothing more is scheduled or published; resolves when the run in flight (if any) has returned, so that the
   * caller can free what that run still uses (the engine's parser: freeing it under a running analysis made the
   * next parse read freed wasm memory).
   */
  stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    const idle = this.whenIdle();
    this.notifyIfIdle();
    return idle;
  }
}
