/**
 * Reads a Chromium trace (Playwright's `browser.startTracing`/`stopTracing`) for
 * editorResponsiveness.bench.ts's `--trace 1`: what the page's main thread spent its tasks on,
 * in wall-clock and in thread CPU time. A task whose wall time far exceeds its CPU time waited
 * for a CPU (another process, or another thread of the browser, had it), rather than worked.
 * Not a benchmark itself (run.mjs only runs `*.bench.ts`).
 */

/** The trace categories the summary needs: top-level tasks with thread time, and what ran in them. */
export const traceCategories = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'];

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  /** Wall and thread-CPU duration, µs (complete events only). */
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** Tasks of one kind (named after the first event inside them), ms. */
export interface TaskKind {
  readonly kind: string;
  readonly tasks: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface MainThreadSummary {
  readonly spanMs: number;
  /** Every top-level task of the page's main thread, by kind, most CPU first. */
  readonly kinds: readonly TaskKind[];
  /** The tasks of 50 ms or more (wall), longest first. */
  readonly longTasks: readonly { readonly kind: string; readonly wallMs: number; readonly cpuMs: number }[];
}

const TASK = 'ThreadControllerImpl::RunTask';

/** Summarises the main thread of the renderer that ran the most (the page under test) in `trace`. */
export function summariseMainThread(trace: Buffer): MainThreadSummary {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(key)) continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  const busiest = [...byThread.values()].sort((a, b) => taskWall(b) - taskWall(a))[0] ?? [];
  busiest.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

  // Outermost tasks (tasks nest when one runs a nested loop), each with the first event inside it.
  const kinds = new Map<string, { tasks: number; wallMs: number; cpuMs: number }>();
  const longTasks: { kind: string; wallMs: number; cpuMs: number }[] = [];
  let open: { end: number; wallMs: number; cpuMs: number; kind: string | undefined } | undefined;
  const close = (): void => {
    if (!open) return;
    const kind = open.kind ?? '(nothing traced)';
    const k = kinds.get(kind) ?? { tasks: 0, wallMs: 0, cpuMs: 0 };
    kinds.set(kind, { tasks: k.tasks + 1, wallMs: k.wallMs + open.wallMs, cpuMs: k.cpuMs + open.cpuMs });
    if (open.wallMs >= 50) longTasks.push({ kind, wallMs: open.wallMs, cpuMs: open.cpuMs });
    open = undefined;
  };
  for (const e of busiest) {
    if (open && e.ts >= open.end) close();
    if (!open) {
      if (e.name === TASK) open = { end: e.ts + (e.dur ?? 0), wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000, kind: undefined };
    } else if (open.kind === undefined && e.name !== TASK && e.name !== 'RunTask') {
      open.kind = e.name;
    }
  }
  close();
  const first = busiest[0]?.ts ?? 0;
  const last = Math.max(first, ...busiest.map((e) => e.ts + (e.dur ?? 0)));
  return {
    spanMs: (last - first) / 1000,
    kinds: [...kinds].map(([kind, k]) => ({ kind, ...k })).sort((a, b) => b.cpuMs - a.cpuMs),
    longTasks: longTasks.sort((a, b) => b.wallMs - a.wallMs),
  };
}

function taskWall(events: readonly TraceEvent[]): number {
  let sum = 0;
  for (const e of events) if (e.name === TASK) sum += e.dur ?? 0;
  return sum;
}
