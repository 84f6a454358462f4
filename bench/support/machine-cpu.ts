import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * CPU time in ms, read from /proc (Linux): the whole machine's busy time, PostgreSQL's processes'
 * (every process named `postgres`: the embedded server's backends and helpers) and this process's
 * (all its threads: the service's, the driver's, V8's GC helpers, libuv's pool). Resolution is the
 * kernel's clock tick (10 ms), so compare over slices of seconds, never per request.
 *
 * And the main thread's wall time: how long its event loop was busy (not waiting for I/O), and how
 * long of that it was runnable but waiting for a CPU (the run-queue delay of
 * /proc/self/task/<pid>/schedstat). A busy loop that waits for a CPU holds every request behind it
 * while the machine may still have idle time.
 */
export interface CpuSnapshot {
  machineMs: number;
  postgresMs: number;
  processMs: number;
  loopBusyMs: number;
  mainWaitMs: number;
}

const TICK_MS = 10; // getconf CLK_TCK = 100 on Linux

export function cpuSnapshot(): CpuSnapshot {
  const usage = process.cpuUsage();
  return {
    machineMs: machineBusyMs(),
    postgresMs: postgresMs(),
    processMs: (usage.user + usage.system) / 1000,
    loopBusyMs: performance.eventLoopUtilization().active,
    mainWaitMs: mainThreadWaitMs(),
  };
}

export function cpuSince(before: CpuSnapshot): CpuSnapshot {
  const now = cpuSnapshot();
  return {
    machineMs: now.machineMs - before.machineMs,
    postgresMs: now.postgresMs - before.postgresMs,
    processMs: now.processMs - before.processMs,
    loopBusyMs: now.loopBusyMs - before.loopBusyMs,
    mainWaitMs: now.mainWaitMs - before.mainWaitMs,
  };
}

/** schedstat: time on a CPU, time waiting on a run queue (both ns), time slices. */
function mainThreadWaitMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return NaN; // no schedstats in this kernel
  }
}

/** user + nice + system + irq + softirq + steal of the `cpu` line: everything but idle and iowait. */
function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal ?? 0)) * TICK_MS;
}

function postgresMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the fields after it are fixed.
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // the process ended between readdir and read
    }
  }
  return ticks * TICK_MS;
}
