/**
 * Runs analysis per file and drops stale results: a run that started before the latest edit is not
 * published, and only one run is in flight at a time, so typing never queues up work. With a delay of 0 (the
 * server's) a file is analysed as soon as the messages already received are handled (`setImmediate`: a burst of
 * changes read together is analysed once); a positive delay debounces.
 */
export class AnalysisScheduler {
  private readonly pending = new Set<string>();
  /** The debounce timer, or (delay 0) the immediate, that starts the next drain. */
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
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
    // A run in flight picks the file up when it ends (it drains `pending`): no timer is needed then.
    if (this.running && delayMs === 0) return;
    this.clearTimer();
    if (delayMs === 0) this.immediate = setImmediate(() => void this.drain());
    else this.timer = setTimeout(() => void this.drain(), delayMs);
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  /** Nothing is queued, waiting to start or running: no result is on its way. */
  isIdle(): boolean {
    return !this.running && !this.timer && !this.immediate && this.pending.size === 0;
  }

  /** Resolves when the scheduler is next idle (at once if it is). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  private async drain(): Promise<void> {
    this.timer = undefined;
    this.immediate = undefined;
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
      if (this.pending.size > 0 && !this.timer && !this.immediate) this.immediate = setImmediate(() => void this.drain());
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
    this.clearTimer();
    this.pending.clear();
    const idle = this.whenIdle();
    this.notifyIfIdle();
    return idle;
  }
}
