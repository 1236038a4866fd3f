// Peak memory of the browser tab, read from /proc (Linux): shared by the benchmarks.
import { readFileSync, readdirSync } from "node:fs";

/** Peak resident memory (VmHWM, MB) of Chromium's renderer processes: the tab and its worker. */
export function rendererPeakMb() {
  let peak = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("chromium") || !cmd.includes("--type=renderer")) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch { /* the process ended meanwhile */ }
  }
  return peak;
}
