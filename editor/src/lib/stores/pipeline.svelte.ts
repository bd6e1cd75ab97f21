import type { Connection, Edge, XYPosition } from '@xyflow/svelte';
import {
  canConnect,
  getOperator,
  validatePipeline,
  type ConnectCheck,
  type JsonValue,
  type PipelineEdge,
  type PipelineNode,
  type PipelineProblem,
  type PipelineSpec,
  type PortName,
} from 'rivulet';
import { DEFAULT_NODE_SIZE, layeredLayout } from '../layout';
import { OUTPUT_HANDLE, type OperatorFlowNode, type OperatorNodeData } from '../nodes/types';
import { History } from './history.svelte';

/**
 * Where the pipeline on screen came from. One from a URL or a file is somebody else's code: it is
 * shown and can be edited, but must not run before the user asks (`trusted` says whether they did).
 */
export type PipelineOrigin = 'url' | 'file' | 'gallery' | 'new';

/** The spec's fields besides its graph. */
export type PipelineSettings = Pick<PipelineSpec, 'name' | 'description' | 'batchDurationMs' | 'checkpoint'>;

/** What `copy` keeps for `paste`: the selected nodes and the edges between them. */
interface Clipboard {
  readonly nodes: readonly PipelineNode[];
  readonly edges: readonly PipelineEdge[];
}

/** How far each paste moves the copies from the originals. */
const PASTE_OFFSET = 48;

/**
 * The editor's pipeline: Svelte Flow's nodes and edges (`$state.raw`, replaced on every change,
 * never mutated), the settings, where it came from, and its validation problems. This class is
 * the one place that converts between the flow and a `PipelineSpec` (`spec`, `#show`), and every
 * edit goes through a method that records an undo step.
 */
export class PipelineStore {
  nodes = $state.raw<OperatorFlowNode[]>([]);
  edges = $state.raw<Edge[]>([]);
  settings = $state.raw<PipelineSettings>({ batchDurationMs: 1000 });
  /** Where the pipeline came from (see `PipelineOrigin`). */
  origin = $state<PipelineOrigin>('new');
  /**
   * Whether the user has accepted this pipeline's code. False for one from a URL or a file until
   * the user clicks Run; the run feature must check it and call `markTrusted()`.
   */
  trusted = $state(true);
  /** `validatePipeline(spec)` as of the last edit (the editor refreshes it, debounced). */
  problems = $state.raw<readonly PipelineProblem[]>([]);
  /** How many pipelines have been opened; the canvas fits the view when it changes. */
  openedCount = $state(0);

  readonly history = new History();
  #clipboard: Clipboard | undefined;
  #pastes = 0;

  /** The pipeline as a spec: what is exported, shared, validated and run. */
  readonly spec: PipelineSpec = $derived(toSpec(this.settings, this.nodes, this.edges));
  readonly selectedNodes: readonly OperatorFlowNode[] = $derived(this.nodes.filter((n) => n.selected));
  readonly problemsByNode: ReadonlyMap<string, readonly PipelineProblem[]> = $derived(groupByNode(this.problems));

  // ---- Opening ----

  /** Shows `spec` as a newly opened pipeline: history restarts, and `origin` decides `trusted`. */
  load(spec: PipelineSpec, origin: PipelineOrigin): void {
    this.origin = origin;
    this.trusted = origin === 'gallery' || origin === 'new';
    this.#pastes = 0;
    this.#show(spec, false);
    this.validate();
    this.history.reset(this.spec);
    this.openedCount += 1;
  }

  /** The user accepted the pipeline's code (the Run button calls this before running it). */
  markTrusted(): void {
    this.trusted = true;
  }

  /** Refreshes `problems` now. */
  validate(): void {
    this.problems = validatePipeline(this.spec);
  }

  // ---- History ----

  /** Records the current state as an undo step; edits sharing `key` in quick succession merge. */
  commit(key?: string): void {
    this.history.record(this.spec, key);
  }

  undo(): void {
    const spec = this.history.undo();
    if (spec) this.#show(spec, true);
  }

  redo(): void {
    const spec = this.history.redo();
    if (spec) this.#show(spec, true);
  }

  // ---- Nodes ----

  /**
   * Adds a node of `operator` at `position` (its required parameters set to the registry's
   * examples, so it starts out as a working snippet), selects it and returns its id.
   */
  addNode(operator: string, position: XYPosition): string {
    const entry = getOperator(operator);
    const params: Record<string, JsonValue> = {};
    for (const param of entry?.params ?? []) {
      if (param.required && param.example !== undefined) params[param.name] = param.example;
    }
    const id = uniqueId(operator, new Set(this.nodes.map((n) => n.id)));
    const node: OperatorFlowNode = { id, type: 'operator', position: rounded(position), data: { operator, params }, selected: true };
    this.nodes = [...this.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
    this.edges = this.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
    this.commit();
    return id;
  }

  /** Sets (or, with `undefined`, removes) one parameter of a node. */
  setParam(id: string, name: string, value: JsonValue | undefined): void {
    this.#updateData(id, (data) => {
      const params = { ...data.params };
      if (value === undefined) delete params[name];
      else params[name] = value;
      return { ...data, params };
    });
    this.commit(`param:${id}:${name}`);
  }

  /** Sets a node's display name (an empty one removes it). */
  setLabel(id: string, label: string): void {
    this.#updateData(id, (data) => {
      const { label: _old, ...rest } = data;
      return label.trim() === '' ? rest : { ...rest, label };
    });
    this.commit(`label:${id}`);
  }

  /** Removes nodes and every edge touching them. */
  removeNodes(ids: readonly string[]): void {
    const gone = new Set(ids);
    this.nodes = this.nodes.filter((n) => !gone.has(n.id));
    this.edges = this.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target));
    this.commit();
  }

  /** What the editor calls node `id`: its label, else its operator; its id when it is not on the canvas. */
  nodeName(id: string): string {
    const node = this.nodes.find((n) => n.id === id);
    return node?.data.label ?? node?.data.operator ?? id;
  }

  /** Selects exactly one node (or none), as clicking it would. */
  select(id: string | undefined): void {
    this.nodes = this.nodes.map((n) => (Boolean(n.selected) === (n.id === id) ? n : { ...n, selected: n.id === id }));
    this.edges = this.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
  }

  /** Moves nodes (auto-layout) as one undo step. */
  moveNodes(positions: ReadonlyMap<string, XYPosition>): void {
    this.nodes = this.nodes.map((n) => {
      const position = positions.get(n.id);
      return position ? { ...n, position: rounded(position) } : n;
    });
    this.commit();
  }

  /** Lays the graph out left to right by layers, using the nodes' measured sizes. */
  autoLayout(): void {
    this.moveNodes(layeredLayout(this.nodes.map(boxOf), this.edges.map(edgeEnds)));
  }

  // ---- Settings ----

  /** Changes settings; a field set to undefined is removed. Edits sharing `key` merge into one undo step. */
  setSettings(patch: Partial<PipelineSettings>, key?: string): void {
    const next = withoutUndefined({ ...this.settings, ...patch });
    if (next.checkpoint) next.checkpoint = withoutUndefined(next.checkpoint);
    this.settings = next as PipelineSettings;
    this.commit(key);
  }

  // ---- Edges ----

  /** Whether `connection` may become an edge, and if not, why (`canConnect` on the current spec). */
  check(connection: Connection): ConnectCheck {
    return canConnect(this.spec, connection.source, connection.target, portOf(connection.targetHandle));
  }

  /** The edge to add for `connection`, or false if `canConnect` refuses it. */
  edgeFor(connection: Connection): Edge | false {
    if (!this.check(connection).ok) return false;
    const port = portOf(connection.targetHandle);
    return {
      id: uniqueId(`${connection.source}-${connection.target}`, new Set(this.edges.map((e) => e.id))),
      source: connection.source,
      target: connection.target,
      sourceHandle: OUTPUT_HANDLE,
      targetHandle: port,
    };
  }

  // ---- Clipboard ----

  /** Keeps the selected nodes and the edges among them for `paste`; false if nothing is selected. */
  copy(): boolean {
    const ids = new Set(this.selectedNodes.map((n) => n.id));
    if (ids.size === 0) return false;
    const spec = this.spec;
    this.#clipboard = {
      nodes: spec.nodes.filter((n) => ids.has(n.id)),
      edges: spec.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
    this.#pastes = 0;
    return true;
  }

  /** Adds a copy of the clipboard with new ids, offset from the last copy, and selects it. */
  paste(): boolean {
    const clip = this.#clipboard;
    if (!clip) return false;
    this.#pastes += 1;
    const offset = PASTE_OFFSET * this.#pastes;
    const taken = new Set(this.nodes.map((n) => n.id));
    const ids = new Map<string, string>();
    for (const node of clip.nodes) {
      const id = uniqueId(node.operator, taken);
      taken.add(id);
      ids.set(node.id, id);
    }
    const pasted = clip.nodes.map((node) =>
      toFlowNode({ ...node, id: ids.get(node.id)!, position: { x: (node.position?.x ?? 0) + offset, y: (node.position?.y ?? 0) + offset } }, { selected: true }),
    );
    const edgeIds = new Set(this.edges.map((e) => e.id));
    const edges = clip.edges.map((edge) => {
      const source = ids.get(edge.source)!;
      const target = ids.get(edge.target)!;
      const id = uniqueId(`${source}-${target}`, edgeIds);
      edgeIds.add(id);
      return toFlowEdge({ ...edge, id, source, target });
    });
    this.nodes = [...this.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted];
    this.edges = [...this.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges];
    this.commit();
    return true;
  }

  // ---- Internals ----

  #updateData(id: string, update: (data: OperatorNodeData) => OperatorNodeData): void {
    this.nodes = this.nodes.map((n) => (n.id === id ? { ...n, data: update(n.data) } : n));
  }

  /**
   * Replaces the flow with `spec`'s graph. With `keepView`, nodes that stay keep their measured
   * size and selection (undo should not make the canvas flicker or lose the panel).
   */
  #show(spec: PipelineSpec, keepView: boolean): void {
    const before = keepView ? new Map(this.nodes.map((n) => [n.id, n])) : new Map<string, OperatorFlowNode>();
    const { nodes, edges } = spec;
    this.settings = settingsOf(spec);
    let flowNodes = nodes.map((node) => {
      const old = before.get(node.id);
      return toFlowNode(node, old ? { selected: old.selected, measured: old.measured } : {});
    });
    const flowEdges = edges.map((edge, i) => toFlowEdge(edge, i));
    if (nodes.some((n) => !n.position)) {
      // A hand-written spec may leave positions out: lay it out rather than stack it at (0, 0).
      const positions = layeredLayout(flowNodes.map(boxOf), flowEdges.map(edgeEnds));
      flowNodes = flowNodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position }));
    }
    this.nodes = flowNodes;
    this.edges = flowEdges;
  }
}

// ---- Conversion between the flow and the spec ----

/** The spec of a flow. Positions are rounded to whole pixels; port `in` is left implicit. */
function toSpec(settings: PipelineSettings, nodes: readonly OperatorFlowNode[], edges: readonly Edge[]): PipelineSpec {
  return {
    version: 1,
    ...settings,
    nodes: nodes.map((n) => ({
      id: n.id,
      operator: n.data.operator,
      ...(n.data.label === undefined ? {} : { label: n.data.label }),
      params: n.data.params,
      position: rounded(n.position),
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(portOf(e.targetHandle) === 'other' ? { targetPort: 'other' as const } : {}),
    })),
  };
}

/** The spec's settings, without anything else a file may carry (such as `$schema`). */
function settingsOf(spec: PipelineSpec): PipelineSettings {
  const { name, description, batchDurationMs, checkpoint } = spec;
  return {
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    batchDurationMs,
    ...(checkpoint === undefined ? {} : { checkpoint }),
  };
}

function toFlowNode(node: PipelineNode, view: Partial<Pick<OperatorFlowNode, 'selected' | 'measured'>>): OperatorFlowNode {
  const data: OperatorNodeData = { operator: node.operator, params: node.params, ...(node.label === undefined ? {} : { label: node.label }) };
  return { id: node.id, type: 'operator', position: node.position ?? { x: 0, y: 0 }, data, ...view };
}

function toFlowEdge(edge: PipelineEdge, index: number | undefined = undefined): Edge {
  return {
    id: edge.id ?? `e${index ?? 0}-${edge.source}-${edge.target}`,
    source: edge.source,
    target: edge.target,
    sourceHandle: OUTPUT_HANDLE,
    targetHandle: edge.targetPort ?? 'in',
  };
}

function portOf(handle: string | null | undefined): PortName {
  return handle === 'other' ? 'other' : 'in';
}

function rounded(p: XYPosition): XYPosition {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

function boxOf(n: OperatorFlowNode) {
  return { id: n.id, width: n.measured?.width ?? DEFAULT_NODE_SIZE.width, height: n.measured?.height ?? DEFAULT_NODE_SIZE.height };
}

function edgeEnds(e: Edge) {
  return { source: e.source, target: e.target, port: portOf(e.targetHandle) };
}

/** `base-2`, `base-3`… (or `base` itself when free), kept to the spec's id pattern and length. */
function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 56) || 'node';
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

function withoutUndefined<T extends object>(value: T): { -readonly [K in keyof T]: T[K] } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { -readonly [K in keyof T]: T[K] };
}

function groupByNode(problems: readonly PipelineProblem[]): Map<string, PipelineProblem[]> {
  const byNode = new Map<string, PipelineProblem[]>();
  for (const problem of problems) {
    if (problem.nodeId === undefined) continue;
    const list = byNode.get(problem.nodeId);
    if (list) list.push(problem);
    else byNode.set(problem.nodeId, [problem]);
  }
  return byNode;
}
