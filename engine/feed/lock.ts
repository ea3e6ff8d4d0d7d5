/**
 * One writer per persisted read-model file (a lexical index folder, a model's vector index
 * folder, the analytics snapshot): an exclusive lock file created with O_EXCL holding the owner's
 * pid, host and start time. A lock whose process is gone (same host, pid not alive) is stale
 * and taken over. Processes that do not hold it keep their copy current in memory from the
 * change feed and never write the files, so no process overwrites another's work.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class FileLock {
  #held = false;

  constructor(readonly path: string) {}

  get held(): boolean {
    return this.#held;
  }

  /** Takes the lock when it is free or stale; false when another live process holds it. Never waits. */
  tryAcquire(): boolean {
    if (this.#held) return true;
    mkdirSync(dirname(this.path), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx');
        const me: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
        writeSync(fd, JSON.stringify(me));
        closeSync(fd);
        this.#held = true;
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = this.owner();
      // Held by a live process here, or by one on another host (a shared folder): leave it.
      if (owner !== undefined && (owner.host !== hostname() || (owner.pid !== process.pid && alive(owner.pid)))) {
        return false;
      }
      if (owner?.pid === process.pid && owner.host === hostname()) return false; // another handle in this process
      // Stale (its process died, e.g. kill -9) or unreadable (died while writing it): take it over.
      rmSync(this.path, { force: true });
    }
    return false;
  }

  /** Who holds it, when the file is there and readable. */
  owner(): Owner | undefined {
    try {
      const o = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<Owner>;
      return typeof o.pid === 'number' && typeof o.host === 'string'
        ? { pid: o.pid, host: o.host, since: String(o.since) }
        : undefined;
    } catch {
      return undefined;
    }
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    const owner = this.owner();
    if (owner?.pid === process.pid && owner.host === hostname()) rmSync(this.path, { force: true });
  }
}
