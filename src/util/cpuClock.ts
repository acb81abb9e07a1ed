/**
 * CPU time this process has used so far, in milliseconds (user + system, every thread:
 * `process.cpuUsage()`). The clock of the claims' time budgets: unlike wall time it does not run
 * while the process waits for a busy machine's cores or is stopped, so a budget spent means
 * work done — a calibration sweep beside other work decides as it would alone.
 */
export function cpuMilliseconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
