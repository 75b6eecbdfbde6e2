/**
 * The state space of a scenario, searched depth-first (or breadth-first): states are the
 * simulator's snapshots at unit boundaries, transitions the leaves of each unit's choice tree
 * (unit-tree.ts). A state whose next unit makes no choice is passed through without being stored;
 * a state where a choice is made is stored as its canonical fingerprint (encode.ts), once.
 * Partial-order reduction (por.ts) narrows `order` choices; symmetry (symmetry.ts) folds states
 * into their canonical form. Branches restart from snapshots, never from time 0.
 *
 * Pure: the host bounds the search with `shouldStop` (its clock) and the limits below.
 */
import type { Choice, SimulationSnapshot } from '../simulator/api';
import { Engine } from '../simulator/engine';
import type { Footprint } from '../simulator/world';
import type { Model } from '../language/model';
import { StateEncoder } from './encode';
import { VisitedSet } from './visited';
import { UnitTree, describeChoice } from './unit-tree';
import { nextIsOrderChoice, startsComputeOnly, steppers } from './por';
import { findSymmetries, type Symmetries } from './symmetry';
import { reduceOrder } from './space-order';
import {
  BIT,
  flatten,
  type Leaf,
  type Node,
  type PathLink,
  type Problem,
  type RawFinding,
  type SpaceOptions,
  type SpaceProgress,
  type SpaceResult,
} from './space-types';

export type { Problem, RawFinding, SpaceOptions, SpaceProgress, SpaceResult } from './space-types';

/** Thrown through the simulator when a unit run ahead meets a choice. */
const CHOICE = new Error('a choice');

const NO_FOOTPRINT: Footprint = { keys: new Set(), dependent: true };

function emptyFootprint(): Footprint {
  return { keys: new Set(), dependent: false };
}

/** Searches the state space of `model`. */
export function searchSpace(model: Model, o: SpaceOptions): SpaceResult {
  return new Space(model, o).run();
}

class Space {
  private readonly sim: Engine;
  private readonly encoder: StateEncoder;
  private readonly visited: VisitedSet;
  private readonly sym: Symmetries;
  private readonly cap: number;
  private tree: UnitTree | null = null;
  /** The snapshot the simulator's state is equal to now (a restore of it is skipped), if any. */
  private live: SimulationSnapshot | null = null;
  /** While set, a choice interrupts the unit (the search runs deterministic units ahead). */
  private abortAtChoice = false;
  /** Picks replayed as they are (re-running a leaf chosen after probing). */
  private forced: number[] | null = null;
  private forcedAt = 0;
  private transitions = 0;
  private schedules = 0;
  private depth = 0;
  /** States waiting in the frontier (each with its snapshot). */
  private pending = 0;
  private readonly maxBytes: number;
  private sampled = false;
  private stoppedBy: SpaceResult['stoppedBy'] = null;
  private readonly findings = new Map<Problem, RawFinding>();
  private snapshotBytes = 0;

  constructor(
    model: Model,
    private readonly o: SpaceOptions,
  ) {
    this.cap = o.rangeCap ?? 16;
    this.sim = new Engine(model, {
      ...o.simulation,
      choose: (c: Choice) => {
        if (this.abortAtChoice) throw CHOICE;
        return this.forced !== null
          ? (this.forced[this.forcedAt++] ?? 0)
          : this.tree === null
            ? c.defaultPick
            : this.tree.choose(c);
      },
    });
    this.sym = findSymmetries(model, o.symmetry !== false);
    this.encoder = new StateEncoder(this.sim, this.sym);
    this.maxBytes = o.maxBytes ?? 512 * 2 ** 20;
    this.visited = new VisitedSet(this.maxBytes);
    // Measured: about 850 bytes a thread (3,000 threads: 2.5 MB a snapshot), plus the CPUs and the world.
    this.snapshotBytes = this.sim.threads.length * 900 + this.sim.cpus.length * 1024 + 8192;
  }

  /** Puts the simulator in the state of `snap` (nothing to do when it is there already). */
  private goTo(snap: SimulationSnapshot): void {
    if (this.live === snap) return;
    this.sim.restore(snap);
    this.live = snap;
  }

  run(): SpaceResult {
    const frontier: Node[] = [{ snap: this.sim.snapshot(), path: null, seen: 0, sleep: new Map() }];
    let next = 0;
    let polls = 0;
    while (this.o.bfs ? next < frontier.length : frontier.length > 0) {
      if (this.o.shouldStop?.()) {
        this.stoppedBy = 'time';
        break;
      }
      if ((++polls & 63) === 0) this.o.onProgress?.(this.progress());
      const node = this.o.bfs ? frontier[next++] : (frontier.pop() as Node);
      const children = this.expand(node);
      if (this.stoppedBy !== null) break;
      if (this.o.bfs) frontier.push(...children);
      else for (let k = children.length - 1; k >= 0; k--) frontier.push(children[k]);
      // The states waiting to be expanded hold snapshots: they count against the memory too.
      this.pending = frontier.length - next;
      if (this.progress().bytes > this.maxBytes) {
        this.stoppedBy = 'memory';
        break;
      }
      if (this.o.bfs && next > 4096) {
        frontier.splice(0, next);
        next = 0;
      }
    }
    const exhausted = this.o.bfs ? next >= frontier.length : frontier.length === 0;
    return {
      ...this.progress(),
      complete: exhausted && this.stoppedBy === null && !this.sampled,
      stoppedBy: this.stoppedBy,
      sampled: this.sampled,
      bytesPerState: this.visited.bytesPerState,
      findings: [...this.findings.values()],
      reductions: [
        'state hashing (64-bit fingerprints)',
        ...(this.o.por !== false ? ['partial-order reduction of step orders (ample sets of one, sleep sets)'] : []),
        ...this.sym.describe().map((d) => `symmetry: ${d}`),
      ],
    };
  }

  private progress(): SpaceProgress {
    return {
      states: this.visited.size,
      transitions: this.transitions,
      schedules: this.schedules,
      depth: this.depth,
      bytes: this.visited.bytes + Math.max(this.depth, this.pending) * this.snapshotBytes,
    };
  }

  /**
   * The successors of a state: the state after each leaf of its next unit. A state whose unit
   * makes no choice is passed through (its successor replaces it) until one that does.
   */
  private expand(start: Node): Node[] {
    let node = start;
    const sim = this.sim;
    for (;;) {
      this.goTo(node.snap);
      if (sim.done) return [];
      const ordered = this.o.por !== false && nextIsOrderChoice(sim);
      if (!ordered) {
        // Run on to the unit that makes a choice, without a snapshot per unit.
        const at = this.passThrough(node);
        if (at === null) return [];
        node = at;
        this.goTo(node.snap);
      }
      const order = ordered ? this.orderAlternatives(node) : null;
      if (order !== null && order.allowed.length === 0) return [];
      // Probing an order choice runs every stepper; only the leaves kept after it are snapshotted.
      const probing = order !== null && !order.pure;
      const tree = new UnitTree(
        this.cap,
        order === null ? null : () => order.allowed,
        this.prefixFrom(node.path?.choices ?? 0),
      );
      const first = this.leaf(node, tree, !probing);
      if (first.records.length === 0) {
        // No choice in this unit: pass through.
        if (first.child === null || this.stoppedBy !== null) return [];
        node = { ...(this.kept(node, first).child as Omit<Node, 'sleep'>), sleep: new Map() };
        continue;
      }
      // A choice state is searched once; one whose only choice is the draws of a thread that
      // just starts computing (an ample set found without probing) is not stored.
      if (!(order !== null && order.pure) && !this.firstVisit(node)) return [];
      const leaves = [first];
      while (tree.advance() && this.stoppedBy === null && !this.limitHit(leaves.length))
        leaves.push(this.leaf(node, tree, !probing));
      if (tree.sampled) this.sampled = true;
      const live = leaves.filter((l) => l.child !== null);
      if (order === null) return live.map((l) => ({ ...(l.child as Omit<Node, 'sleep'>), sleep: new Map() }));
      return reduceOrder(node, order.ids, leaves, live, {
        keep: (l) => this.kept(node, l),
        stop: (made) => this.limitHit(made),
      });
    }
  }

  /**
   * Runs the deterministic units from `node` (those that make no choice: the simulator's hook
   * throws at the first choice) without a snapshot each; when a unit would choose, goes back and
   * runs again to just before it, and returns that state. Null when the run ends first (or a
   * limit stops the search). Findings on the way are noted.
   */
  private passThrough(node: Node): Node | null {
    const sim = this.sim;
    let units = 0;
    let seen = node.seen;
    for (;;) {
      if (sim.done) {
        this.schedules++;
        if (this.o.maxSchedules !== undefined && this.schedules >= this.o.maxSchedules) this.stoppedBy ??= 'schedules';
        return null;
      }
      if ((units & 1023) === 1023 && this.o.shouldStop?.()) {
        this.stoppedBy = 'time';
        return null;
      }
      if (units > 0 && this.o.por !== false && nextIsOrderChoice(sim)) break;
      this.live = null;
      this.abortAtChoice = true;
      let chose = false;
      try {
        sim.step({ maxUnits: 1 });
      } catch (e) {
        if (e !== CHOICE) throw e;
        chose = true;
      } finally {
        this.abortAtChoice = false;
      }
      if (chose) break;
      units++;
      this.transitions++;
      const now = seen | this.problems();
      this.note(now & ~seen, node.path);
      seen = now;
      if (this.stoppedBy !== null) return null;
    }
    if (units === 0) return node;
    // Back to the boundary before the choosing unit: the same deterministic units again.
    sim.restore(node.snap);
    this.abortAtChoice = true;
    try {
      sim.step({ maxUnits: units });
    } finally {
      this.abortAtChoice = false;
    }
    const snap = sim.snapshot();
    this.live = snap;
    return { snap, path: node.path, seen, sleep: new Map() };
  }

  /** The picks a schedule's given prefix imposes on the unit whose first choice is the `done`-th. */
  private prefixFrom(done: number): ((k: number) => number | undefined) | null {
    const prefix = this.o.prefix;
    if (prefix === undefined || done >= prefix.length) return null;
    return (k) => prefix[done + k];
  }

  /** True the first time the state is met (it is stored); false when searched already or memory is full. */
  private firstVisit(node: Node): boolean {
    this.goTo(node.snap);
    const fp = this.encoder.fingerprint();
    if (node.sleep.size > 0) return !this.visited.has(fp.hi, fp.lo);
    const added = this.visited.add(fp.hi, fp.lo);
    if (added === 'full') this.stoppedBy = 'memory';
    return added === 'added';
  }

  /** The leaf with its successor's snapshot, re-running it when it was probed without one. */
  private kept(node: Node, l: Leaf): Leaf {
    if (l.child === null || l.child.snap !== null) return l;
    this.goTo(node.snap);
    this.forced = l.picks;
    this.forcedAt = 0;
    this.live = null;
    this.sim.step({ maxUnits: 1 });
    this.forced = null;
    this.transitions++;
    const snap = this.sim.snapshot();
    this.live = snap;
    return { ...l, child: { ...l.child, snap } };
  }

  /** The order alternatives not asleep; one alone when it only starts a compute (ample set). */
  private orderAlternatives(node: Node): { ids: number[]; allowed: number[]; pure: boolean } {
    const ids = steppers(this.sim);
    const awake = ids.map((_, k) => k).filter((k) => !node.sleep.has(ids[k]));
    const pure = awake.find((k) => startsComputeOnly(this.sim.threads[ids[k]]));
    return { ids, allowed: pure !== undefined ? [pure] : awake, pure: pure !== undefined };
  }

  /**
   * True when the host's stop says so, or when `more` snapshots beside those pending would pass
   * the memory budget: a state with thousands of alternatives stops the search inside its
   * expansion, not after it (the reason is set in `stoppedBy`).
   */
  private limitHit(more: number): boolean {
    if (this.o.shouldStop?.()) this.stoppedBy = 'time';
    else if (this.visited.bytes + (this.pending + more) * this.snapshotBytes > this.maxBytes) this.stoppedBy = 'memory';
    return this.stoppedBy !== null;
  }

  /** Runs the node's next unit along the tree's current leaf (`snapshot`: keep its successor). */
  private leaf(node: Node, tree: UnitTree, snapshot: boolean): Leaf {
    const sim = this.sim;
    this.goTo(node.snap);
    tree.begin();
    this.tree = tree;
    // Footprints matter only where the steppers' order is chosen.
    const footprint = tree.ordered ? emptyFootprint() : NO_FOOTPRINT;
    sim.footprint = tree.ordered ? footprint : null;
    this.live = null;
    sim.step({ maxUnits: 1 });
    sim.footprint = null;
    this.tree = null;
    this.transitions++;
    const records = tree.records();
    const path: PathLink | null =
      records.length === 0
        ? node.path
        : {
            records,
            words: tree
              .path()
              .flatMap(({ choice, pick }) => (pick === choice.defaultPick ? [] : [describeChoice(choice, pick)])),
            parent: node.path,
            length: (node.path?.length ?? 0) + 1,
            choices: (node.path?.choices ?? 0) + records.length,
          };
    this.depth = Math.max(this.depth, path?.length ?? 0);
    const seen = node.seen | this.problems();
    this.note(seen & ~node.seen, path);
    if (sim.done) {
      if (this.stoppedBy !== 'finding') this.schedules++;
      if (this.o.maxSchedules !== undefined && this.schedules >= this.o.maxSchedules) this.stoppedBy ??= 'schedules';
      return { records, picks: records.map((r) => r.pick), firstPick: tree.firstPick(), footprint, child: null };
    }
    const snap = snapshot ? sim.snapshot() : null;
    this.live = snap;
    return {
      records,
      picks: records.map((r) => r.pick),
      firstPick: tree.firstPick(),
      footprint,
      child: { snap, path, seen },
    };
  }

  /** The problems the run shows now. */
  private problems(): number {
    const w = this.sim;
    let p = 0;
    if (w.deadlockFound) p |= BIT.deadlock;
    if (w.faultFound || w.overflows.length > 0) p |= BIT.fault;
    if (w.inversions.observed) p |= BIT.inversion;
    if (w.done && w.outcome === 'hang') p |= BIT.hang;
    if (this.o.goal?.(w)) p |= BIT.goal;
    return p;
  }

  private note(added: number, path: PathLink | null): void {
    if (added === 0) return;
    for (const problem of ['deadlock', 'hang', 'fault', 'inversion', 'goal'] as const) {
      if ((added & BIT[problem]) === 0 || !this.o.watch.has(problem)) continue;
      const prev = this.findings.get(problem);
      const { choices, departures } = flatten(path);
      if (prev === undefined) {
        this.findings.set(problem, { problem, choices, departures, occurrences: 1 });
        this.o.onFinding?.({ problem, choices, departures, occurrences: 1 }, this.progress());
      } else {
        prev.occurrences++;
        // The shortest counterexample is kept.
        if (choices.length < prev.choices.length) Object.assign(prev, { choices, departures });
      }
      if (!this.o.all && (!this.o.untilEach || this.findings.size >= this.o.watch.size) && this.stoppedBy === null) {
        // The search ends on this schedule: the counterexample counts as one examined,
        // whether or not its run has ended (a fault or an inversion is seen mid-run).
        this.stoppedBy = 'finding';
        this.schedules++;
      }
    }
  }
}
