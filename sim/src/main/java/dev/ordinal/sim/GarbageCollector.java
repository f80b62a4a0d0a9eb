package dev.ordinal.sim;

import dev.ordinal.api.OwnerReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The garbage collector and the pvc-protection controller. Runs to a fixed point after every event
 * (the real ones react within milliseconds):
 *
 * <ul>
 *   <li>an object whose owners are all gone is deleted (background cascade); references to owners
 *       that are gone are removed from objects that still have a live owner;
 *   <li>dependents of an owner in foreground deletion are deleted, and the owner's {@code
 *       foregroundDeletion} finalizer goes once no dependent with {@code blockOwnerDeletion} is
 *       left;
 *   <li>dependents of an owner with the {@code orphan} finalizer lose their references to it, then
 *       the finalizer goes;
 *   <li>a claim being deleted keeps {@code kubernetes.io/pvc-protection} while a pod that has not
 *       finished uses it;
 *   <li>an object being deleted goes once its last finalizer is gone.
 * </ul>
 *
 * Claims are only ever deleted through their owner references or by an explicit delete.
 */
final class GarbageCollector {

  /** A bound on passes: the collector must reach its fixed point long before. */
  private static final int MAX_PASSES = 10_000;

  private final SimContext sim;

  GarbageCollector(SimContext sim) {
    this.sim = sim;
  }

  /**
   * Runs passes to a fixed point. After a fixed point, a pass can only do something for an object
   * touched since, a dependent of one that was added, removed or is being deleted (what else
   * changes in an owner its dependents do not look at), or an object being deleted (which may wait
   * on any of its dependents or pods); when none of those would act, the pass that would do nothing is skipped.
   * Otherwise the passes run over the whole store as before, so that what they do, and in which
   * order, does not change.
   */
  void collect() {
    Store store = sim.store;
    if (!wouldAct()) {
      store.clearTouched();
      return;
    }
    for (int i = 0; ; i++) {
      // What the final pass (which reports no change) touched is looked at again next time.
      store.clearTouched();
      if (!pass()) {
        break;
      }
      if (i > MAX_PASSES) {
        throw new IllegalStateException("bug: the garbage collector does not settle");
      }
    }
  }

  /** Returns true if a pass over the store could change anything, judged on what changed only. */
  private boolean wouldAct() {
    Store store = sim.store;
    for (StoredObject t : store.touched()) {
      if (store.contains(t) && wouldFollowOwners(t)) {
        return true;
      }
    }
    for (StoredObject t : store.touchedOwners()) {
      for (StoredObject d : store.dependentsOf(t.uid)) {
        if (wouldFollowOwners(d)) {
          return true;
        }
      }
    }
    for (StoredObject o : store.pendingDeletion()) {
      if (wouldFinishDeletion(o)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@link #followOwners} would change anything (or might: true when unsure). */
  private boolean wouldFollowOwners(StoredObject o) {
    if (o.ownerReferences.isEmpty()) {
      return false;
    }
    Store store = sim.store;
    int gone = 0;
    for (OwnerReference ref : o.ownerReferences) {
      StoredObject owner = store.byUid(ref.uid());
      if (owner == null || !owner.name.equals(ref.name())) {
        gone++;
      }
    }
    if (gone == o.ownerReferences.size()) {
      return !o.isTerminating();
    }
    if (gone > 0) {
      return true;
    }
    for (OwnerReference ref : o.ownerReferences) {
      StoredObject owner = store.byUid(ref.uid());
      if (owner == null || !owner.isTerminating()) {
        continue;
      }
      if (owner.finalizers.contains(ApiServer.ORPHAN_FINALIZER)) {
        return true;
      } else if (owner.finalizers.contains(ApiServer.FOREGROUND_FINALIZER) && !o.isTerminating()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@link #finishDeletion} would change anything. */
  private boolean wouldFinishDeletion(StoredObject o) {
    var dependents = sim.store.dependentsOf(o.uid);
    if (o.finalizers.contains(ApiServer.FOREGROUND_FINALIZER)
        && dependents.stream().noneMatch(d -> blocks(d, o))) {
      return true;
    }
    if (o.finalizers.contains(ApiServer.ORPHAN_FINALIZER) && dependents.isEmpty()) {
      return true;
    }
    if (o instanceof ClaimState
        && o.finalizers.contains(ClaimState.PROTECTION_FINALIZER)
        && !inUse((ClaimState) o)) {
      return true;
    }
    return o.finalizers.isEmpty() && !(o instanceof PodState);
  }

  /** One pass over the store; returns true if it changed anything. */
  private boolean pass() {
    Store store = sim.store;
    boolean changed = false;
    for (StoredObject o : store.all()) {
      if (store.contains(o) && !o.ownerReferences.isEmpty()) {
        changed |= followOwners(o);
      }
    }
    Map<String, List<StoredObject>> dependents = dependents();
    for (StoredObject o : store.all()) {
      if (store.contains(o) && o.isTerminating()) {
        changed |= finishDeletion(o, dependents.getOrDefault(o.uid, List.of()));
      }
    }
    return changed;
  }

  private boolean followOwners(StoredObject o) {
    Store store = sim.store;
    List<OwnerReference> gone = new ArrayList<>();
    for (OwnerReference ref : o.ownerReferences) {
      StoredObject owner = store.byUid(ref.uid());
      if (owner == null || !owner.name.equals(ref.name())) {
        gone.add(ref);
      }
    }
    if (gone.size() == o.ownerReferences.size()) {
      if (o.isTerminating()) {
        return false;
      }
      sim.api.delete(o);
      return true;
    }
    boolean changed = false;
    if (!gone.isEmpty()) {
      changed |= store.update(o, x -> x.ownerReferences.removeAll(gone));
    }
    for (OwnerReference ref : new ArrayList<>(o.ownerReferences)) {
      StoredObject owner = store.byUid(ref.uid());
      if (owner == null || !owner.isTerminating()) {
        continue;
      }
      if (owner.finalizers.contains(ApiServer.ORPHAN_FINALIZER)) {
        changed |= store.update(o, x -> x.ownerReferences.removeIf(r -> r.uid().equals(owner.uid)));
      } else if (owner.finalizers.contains(ApiServer.FOREGROUND_FINALIZER) && !o.isTerminating()) {
        sim.api.delete(o);
        return true;
      }
    }
    return changed;
  }

  private boolean finishDeletion(StoredObject o, List<StoredObject> dependents) {
    Store store = sim.store;
    boolean changed = false;
    if (o.finalizers.contains(ApiServer.FOREGROUND_FINALIZER)
        && dependents.stream().noneMatch(d -> blocks(d, o))) {
      changed |= store.update(o, x -> x.finalizers.remove(ApiServer.FOREGROUND_FINALIZER));
    }
    if (o.finalizers.contains(ApiServer.ORPHAN_FINALIZER) && dependents.isEmpty()) {
      changed |= store.update(o, x -> x.finalizers.remove(ApiServer.ORPHAN_FINALIZER));
    }
    if (o instanceof ClaimState
        && o.finalizers.contains(ClaimState.PROTECTION_FINALIZER)
        && !inUse((ClaimState) o)) {
      changed |= store.update(o, x -> x.finalizers.remove(ClaimState.PROTECTION_FINALIZER));
    }
    if (o.finalizers.isEmpty() && !(o instanceof PodState)) {
      // Pods go when their kubelet is done with them, not when their finalizers are.
      sim.api.remove(o);
      changed = true;
    }
    return changed;
  }

  private static boolean blocks(StoredObject dependent, StoredObject owner) {
    for (OwnerReference r : dependent.ownerReferences) {
      if (r.uid().equals(owner.uid) && r.blockOwnerDeletion()) {
        return true;
      }
    }
    return false;
  }

  /** Returns owner uid to the objects referring to it; looked up, never iterated. */
  private Map<String, List<StoredObject>> dependents() {
    Map<String, List<StoredObject>> out = new HashMap<>();
    for (StoredObject o : sim.store.all()) {
      for (OwnerReference r : o.ownerReferences) {
        out.computeIfAbsent(r.uid(), k -> new ArrayList<>()).add(o);
      }
    }
    return out;
  }

  private boolean inUse(ClaimState claim) {
    for (PodState p : sim.store.pods()) {
      if (p.namespace.equals(claim.namespace)
          && !p.isFinished()
          && p.claimVolumes.containsValue(claim.name)) {
        return true;
      }
    }
    return false;
  }
}
