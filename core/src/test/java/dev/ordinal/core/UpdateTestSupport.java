package dev.ordinal.core;

import dev.ordinal.api.IntOrString;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.PodPhase;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.plan.Action;
import dev.ordinal.api.plan.DeleteReason;
import dev.ordinal.api.plan.ReconcilePlan;
import java.time.Instant;
import java.util.List;

/**
 * Helpers shared by the update, status, availability and revision tests: spec edits in the style
 * of {@link Fixtures} and short ways to read a plan. Kept apart from {@link Fixtures} so that
 * parallel work on the fixtures does not collide.
 */
final class UpdateTestSupport {

  private UpdateTestSupport() {}

  /** Returns the set with this update strategy (defaulted, so a block gets partition 0). */
  static StatefulSet withStrategy(StatefulSet set, UpdateStrategy strategy) {
    return Fixtures.withSpec(set, b -> b.updateStrategy(strategy));
  }

  /** Returns the set with a {@code rollingUpdate} block of this partition and maxUnavailable. */
  static StatefulSet withRollingUpdate(StatefulSet set, int partition, IntOrString maxUnavailable) {
    return withStrategy(
        set, UpdateStrategy.rollingUpdateWith(new RollingUpdate(partition, maxUnavailable)));
  }

  /** Returns the set with a {@code rollingUpdate} block of this partition (maxUnavailable 1). */
  static StatefulSet withPartition(StatefulSet set, int partition) {
    return withStrategy(set, UpdateStrategy.partitioned(partition));
  }

  /** Returns the set with OnDelete. */
  static StatefulSet onDelete(StatefulSet set) {
    return withStrategy(set, UpdateStrategy.ON_DELETE);
  }

  static StatefulSet withReplicas(StatefulSet set, int replicas) {
    return Fixtures.withSpec(set, b -> b.replicas(replicas));
  }

  static StatefulSet withMinReadySeconds(StatefulSet set, int seconds) {
    return Fixtures.withSpec(set, b -> b.minReadySeconds(seconds));
  }

  static StatefulSet withOrdinalsStart(StatefulSet set, int start) {
    return Fixtures.withSpec(set, b -> b.ordinalsStart(start));
  }

  static StatefulSet withHistoryLimit(StatefulSet set, int limit) {
    return Fixtures.withSpec(set, b -> b.revisionHistoryLimit(limit));
  }

  /** Returns a FakeCluster whose set has converged: every pod created, Running and Ready. */
  static FakeCluster converged(StatefulSet set) {
    return converged(set, ReconcilerOptions.V1_35);
  }

  static FakeCluster converged(StatefulSet set, ReconcilerOptions options) {
    FakeCluster c = new FakeCluster(set, new StatefulSetReconciler(options));
    c.converge(100);
    return c;
  }

  /** Plans one sync of the cluster's current state without applying it. */
  static ReconcilePlan plan(FakeCluster c) {
    return plan(c, ReconcilerOptions.V1_35);
  }

  static ReconcilePlan plan(FakeCluster c, ReconcilerOptions options) {
    return new StatefulSetReconciler(options).plan(c.observe());
  }

  /** Names of the pods the plan deletes, in order. */
  static List<String> deleted(ReconcilePlan plan) {
    return plan.actionsOf(Action.DeletePod.class).stream().map(Action.DeletePod::name).toList();
  }

  /** Names of the pods the plan deletes for this reason, in order. */
  static List<String> deleted(ReconcilePlan plan, DeleteReason reason) {
    return plan.actionsOf(Action.DeletePod.class).stream()
        .filter(d -> d.reason() == reason)
        .map(Action.DeletePod::name)
        .toList();
  }

  /** Names of the pods the plan creates, in order. */
  static List<String> created(ReconcilePlan plan) {
    return plan.actionsOf(Action.CreatePod.class).stream().map(a -> a.pod().name()).toList();
  }

  /** The revision label of the pod the plan creates under this name. */
  static String createdRevision(ReconcilePlan plan, String name) {
    return plan.actionsOf(Action.CreatePod.class).stream()
        .filter(a -> a.pod().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CreatePod for " + name))
        .pod()
        .labels()
        .get(ObservedPod.REVISION_LABEL);
  }

  /** Returns the pod Running with Ready=True since {@code since}. */
  static ObservedPod readySince(ObservedPod pod, Instant since) {
    return pod
        .withPhase(PodPhase.RUNNING)
        .withReady(true)
        .withReadyTransitionTime(since);
  }

  /** Marks a pod of the cluster Running and Ready since {@code since}. */
  static void readySince(FakeCluster c, String name, Instant since) {
    c.put(readySince(c.pod(name), since));
  }

  /** Returns the revision labels of the cluster's pods, by pod name order. */
  static List<String> revisions(FakeCluster c) {
    return c.pods().stream()
        .sorted((a, b) -> Integer.compare(a.ordinal(), b.ordinal()))
        .map(ObservedPod::revision)
        .toList();
  }
}
