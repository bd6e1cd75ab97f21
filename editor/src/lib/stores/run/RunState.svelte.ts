import { getOperator, type BatchSnapshot, type LoadedPipeline, type NodeSnapshot, type SerializedError } from 'rivulet';
import {
  batchMetrics,
  edgesInto,
  pressureOf,
  rateLimitsOf,
  type BatchMetrics,
  type LogEntry,
  type NodeError,
  type Pressure,
  type RunConfirmation,
  type RunStatus,
} from '../../engine';
import type { PipelineStore } from '../pipeline.svelte';

/**
 * The run as the page shows it: what the engine reported (written by `RunFeed`, once a frame),
 * what the controls did, what the user picked, and the views derived from them. `RunStore` adds
 * the controls; components read this state through it.
 */
export class RunState {
  readonly #pipeline: PipelineStore;

  /** The engine's state, or `failed`. */
  status = $state<RunStatus>('empty');
  /** Snapshots of the last `MAX_BATCHES` completed batches, oldest first. */
  batches = $state.raw<readonly BatchSnapshot[]>([]);
  /** The batch shown in the inspector (undefined: follow the latest). */
  selectedBatchMs = $state<number | undefined>();
  logs = $state.raw<readonly LogEntry[]>([]);
  /** Playback speed: batches every batch interval ÷ speed of real time (0.25 to 4). */
  speed = $state(1);
  /** Why the run failed (`status === 'failed'`), or the last call that failed. */
  error = $state.raw<SerializedError | undefined>();
  /** True when the running pipeline was recovered from its checkpoint. */
  recovered = $state(false);
  /** What the engine built for the loaded pipeline (node ids, stream ids, outputs). */
  loaded = $state.raw<LoadedPipeline | undefined>();
  /** The batch being processed right now, if any. */
  runningBatchMs = $state<number | undefined>();
  /** Batches completed since the run started (including any whose details were dropped). */
  batchesDone = $state(0);
  /** Each node's last failure. */
  nodeErrors = $state.raw<ReadonlyMap<string, NodeError>>(new Map());
  /** The node the inspector points at on the canvas (an RDD clicked in a lineage graph). */
  highlightedNodeId = $state<string | undefined>();
  /** The node whose RDD the batch inspector shows. */
  inspectedNodeId = $state<string | undefined>();
  /** A confirmation the run waits for (the run controls show it as a dialog). */
  confirmation = $state.raw<RunConfirmation | undefined>();
  /** A control call is in progress (buttons wait). */
  busy = $state(false);
  /** Counts the user's requests to see the run's details (the run dock opens on each). */
  detailsRequested = $state(0);
  /** Checkpoints written since the page opened (`checkpointWritten` events; the Checkpoints panel reads again on each). */
  checkpointsWritten = $state(0);

  /** The latest completed batch. */
  readonly latest: BatchSnapshot | undefined = $derived(this.batches.at(-1));
  /** The latest batch's snapshot of every node, by node id. */
  readonly latestByNode: ReadonlyMap<string, NodeSnapshot> = $derived(new Map(this.latest?.nodes.map((n) => [n.nodeId, n])));
  /** The batch the inspector shows: the selected one, or the latest. */
  readonly shownBatch: BatchSnapshot | undefined = $derived(
    this.selectedBatchMs === undefined ? this.latest : this.batches.find((b) => b.batchTimeMs === this.selectedBatchMs),
  );
  /** The batch interval of the loaded pipeline (or of the one on screen). */
  get batchDurationMs(): number {
    return this.loaded?.batchDurationMs ?? this.#pipeline.settings.batchDurationMs;
  }
  /** Real ms between batches at the current speed. */
  readonly intervalMs: number = $derived(this.batchDurationMs / this.speed);
  /** Queues building up (see `pressureOf`); only while running. */
  readonly pressure: Pressure = $derived(
    this.status === 'running' ? pressureOf(this.batches.slice(-2), this.intervalMs) : { level: 'none', delayMs: 0, intervalMs: this.intervalMs },
  );
  /** Whether a pipeline is loaded in a live worker (controls other than Run apply). */
  readonly isActive: boolean = $derived(this.status === 'loaded' || this.status === 'running' || this.status === 'paused');
  /** Edges along which records queue up (into the bottleneck) while the pipeline falls behind. */
  readonly pressuredEdges: ReadonlySet<string>;
  /** Receivers' rate limits (records/s) as of the latest batch, by source node id: backpressure at work. */
  readonly rateLimits: ReadonlyMap<string, number>;
  /** Each kept batch's numbers (Spark's Streaming tab), in the order of `batches`. */
  readonly metrics: readonly BatchMetrics[];

  constructor(pipeline: PipelineStore) {
    this.#pipeline = pipeline;
    this.pressuredEdges = $derived(
      this.pressure.level === 'none' || this.pressure.bottleneck === undefined ? new Set<string>() : edgesInto(this.pressure.bottleneck, pipeline.edges),
    );
    this.rateLimits = $derived(rateLimitsOf(this.latest, this.loaded?.nodes));
    const sources = $derived(new Set(pipeline.nodes.filter((n) => getOperator(n.data.operator)?.category === 'source').map((n) => n.id)));
    this.metrics = $derived(this.batches.map((b) => batchMetrics(b, this.batchDurationMs, sources, this.intervalMs)));
  }

  // ---- Selection ----

  /** Shows `batchTimeMs` in the inspector (undefined: follow the latest batch). */
  selectBatch(batchTimeMs: number | undefined): void {
    this.selectedBatchMs = batchTimeMs;
  }

  /**
   * Asks for the run's details to be shown (the run dock opens): the run controls call it when the
   * user runs or steps, while a run that starts by itself leaves the canvas uncovered.
   */
  requestDetails(): void {
    this.detailsRequested++;
  }

  /** Shows `nodeId`'s RDD in the batch inspector. */
  inspectNode(nodeId: string | undefined): void {
    this.inspectedNodeId = nodeId;
  }

  /** Points at a node on the canvas (undefined: none). */
  highlightNode(nodeId: string | undefined): void {
    this.highlightedNodeId = nodeId;
  }
}
