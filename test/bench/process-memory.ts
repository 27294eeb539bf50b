/**
 * Resident memory of a process tree, from /proc (Linux): the server's primary process and every
 * worker it forked (WORKERS), summed. Each sample splits RSS into anonymous memory (the JS heap,
 * SQLite's page cache, buffers: what a leak grows) and file-backed pages (mostly the database
 * file memory-mapped by SQLite, `mmap_size` in server/db/connect.ts: pages of the OS cache that
 * the kernel shares and reclaims, which grow as more of the 4 GB file is read, not a leak).
 */
import fs from 'node:fs';

export interface MemorySample {
  /** Seconds since sampling began. */
  at: number;
  /** Sums over the tree, MB. */
  rssMb: number;
  anonMb: number;
  fileMb: number;
  processes: number;
}

/** The pid and its descendants, from /proc/<pid>/task/<tid>/children (or a scan of /proc for ppids when that file is missing). */
export function processTree(root: number): number[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    const pid = tree[i]!;
    let children: number[];
    try {
      children = fs
        .readdirSync(`/proc/${pid}/task`)
        .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      children = childrenByScan(pid);
    }
    tree.push(...children.filter((c) => !tree.includes(c)));
  }
  return tree;
}

function childrenByScan(parent: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** `Rss*` lines of /proc/<pid>/status in MB, or null once the process is gone. */
export function processMemory(pid: number): { rss: number; anon: number; file: number } | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, anon: kb('RssAnon') / 1024, file: (kb('RssFile') + kb('RssShmem')) / 1024 };
}

/** One sample of the whole tree under `root`. */
export function sampleTree(root: number, at: number): MemorySample | null {
  const sample: MemorySample = { at, rssMb: 0, anonMb: 0, fileMb: 0, processes: 0 };
  for (const pid of processTree(root)) {
    const m = processMemory(pid);
    if (!m) continue;
    sample.rssMb += m.rss;
    sample.anonMb += m.anon;
    sample.fileMb += m.file;
    sample.processes += 1;
  }
  return sample.processes > 0 ? sample : null;
}

/** Samples the tree every `everyMs` until stopped, `at` in seconds since `started` (performance.now()); the samples so far are always readable. */
export function sampleMemoryEvery(root: number, everyMs: number, started = performance.now()) {
  const samples: MemorySample[] = [];
  const take = () => {
    const s = sampleTree(root, (performance.now() - started) / 1000);
    if (s) samples.push(s);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
    },
  };
}
