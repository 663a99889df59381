/**
 * Debounces analysis per file and drops stale results: a run that started before the latest edit is not
 * published, and only one run is in flight at a time, so typing never queues up work.
 */
export class AnalysisScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private generation = 0;

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
    this.pending.add(file);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delayMs);
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
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending.clear();
  }
}
