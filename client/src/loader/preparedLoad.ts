// A load's temporary folder and its first loader child, made before the plan is known: the child's start
// (Node, koffi: ~100 ms) then runs while the parent still runs cargo metadata and analyses the crate, instead
// of after. The child loads nothing until runLoad sends it the library and the plan.
import { rmSync } from 'node:fs';
import { callsFileOf } from './hostStubs';
import { startChild, type StartedChild } from './runChild';
import { copyDirOnce } from './tempCopies';

export class PreparedLoad {
  private child: StartedChild | undefined;
  private disposed = false;

  private constructor(
    readonly copyDir: string,
    script: string,
  ) {
    this.child = startChild({ script, copyDir, callsFile: callsFileOf(copyDir, 0) });
  }

  /** Makes the folder and starts the child at once. */
  static start(script: string): PreparedLoad {
    return new PreparedLoad(copyDirOnce(), script);
  }

  /** The pid of the child while it waits (not handed over yet). */
  get childPid(): number | undefined {
    return this.child?.pid;
  }

  /** The waiting child, handed over once (the first child of the load). */
  takeChild(): StartedChild | undefined {
    const child = this.child;
    this.child = undefined;
    return child;
  }

  /** Stops a child never handed over and removes the folder; safe to call more than once. */
  dispose(): void {
    this.child?.stop();
    this.child = undefined;
    if (this.disposed) return;
    this.disposed = true;
    rmSync(this.copyDir, { recursive: true, force: true });
  }
}
