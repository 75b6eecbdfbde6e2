/**
 * The engine compares the Model's keywords (policy, threading model, mutex kind and protocol)
 * in its hot paths. Strings built by the parser are not necessarily internalized, which makes
 * each comparison a character compare; the engine works on a copy whose keywords are the
 * literals themselves, so comparisons are pointer compares.
 */
import type { Model, MutexKind, MutexModel, Policy, ThreadingModel } from '../language/model';

const POLICIES: Record<string, Policy> = { priority: 'priority', fifo: 'fifo', rr: 'rr', sjf: 'sjf' };
const MODELS: Record<string, ThreadingModel> = {
  one_to_one: 'one_to_one',
  many_to_one: 'many_to_one',
  many_to_many: 'many_to_many',
};
const KINDS: Record<string, MutexKind> = { block: 'block', spin: 'spin', adaptive: 'adaptive' };
const PROTOCOLS: Record<string, 'none' | 'inherit' | 'ceiling'> = {
  none: 'none',
  inherit: 'inherit',
  ceiling: 'ceiling',
};

/** A shallow copy of the model with its keywords internalized (the Model itself is not changed). */
export function internModel(m: Model): Model {
  return {
    ...m,
    policy: POLICIES[m.policy] ?? m.policy,
    processes: m.processes.map((p) => ({
      ...p,
      model: MODELS[p.model] ?? p.model,
      // One literal, so every mutex of every run shares one object shape: the engine reads
      // `kind` and `protocol` on each lock and unlock, and copies made by spreading had many
      // shapes, which made those reads megamorphic (a generic lookup each time).
      mutexes: p.mutexes.map((x): MutexModel => ({
        index: x.index,
        name: x.name,
        baseName: x.baseName,
        arrayIndex: x.arrayIndex,
        range: x.range,
        kind: KINDS[x.kind] ?? x.kind,
        protocol: PROTOCOLS[x.protocol] ?? x.protocol,
        ceiling: x.ceiling,
      })),
    })),
  };
}
