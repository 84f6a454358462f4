/** Time and rows per stage of the scale generator, printed as a table at the end of a run. */
export class StageTimes {
  private readonly stages = new Map<string, { ms: number; rows: number; cpuMs?: number }>();

  /** `cpuMs`: CPU time of the stage where it is known (worker threads), next to its wall time. */
  add(stage: string, ms: number, rows: number, cpuMs?: number): void {
    const s = this.stages.get(stage) ?? { ms: 0, rows: 0 };
    s.ms += ms;
    s.rows += rows;
    if (cpuMs !== undefined) s.cpuMs = (s.cpuMs ?? 0) + cpuMs;
    this.stages.set(stage, s);
  }

  async time<T>(stage: string, rows: number, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - started, rows);
    }
  }

  print(log: (line: string) => void = console.log): void {
    log('| stage | rows | seconds | rows/s | CPU seconds |');
    log('|---|---:|---:|---:|---:|');
    for (const [stage, { ms, rows, cpuMs }] of this.stages) {
      const rate = rows && ms ? Math.round(rows / (ms / 1000)).toLocaleString('en') : '';
      log(
        `| ${stage} | ${rows ? rows.toLocaleString('en') : ''} | ${(ms / 1000).toFixed(1)} | ${rate} | ${cpuMs === undefined ? '' : Number.isNaN(cpuMs) ? '?' : (cpuMs / 1000).toFixed(1)} |`,
      );
    }
  }
}

/** CPU seconds of a local process from /proc (the embedded PostgreSQL's backend), or undefined elsewhere. */
export async function processCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const { readFile } = await import('node:fs/promises');
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}
