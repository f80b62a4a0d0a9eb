package dev.ordinal.core.rollout;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetStatus;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.UpdateStrategyType;
import org.jspecify.annotations.Nullable;

/**
 * The verdict of {@code kubectl rollout status} on a StatefulSet, as computed by kubectl's {@code
 * StatefulSetStatusViewer.Status} ({@code
 * staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go}), message for message
 * (R-ROLLOUT-1..6).
 *
 * <p>Checks, first match wins:
 *
 * <ol>
 *   <li>not {@code RollingUpdate} (that is, {@code OnDelete}): an error, which also ends the wait;
 *   <li>{@code status.observedGeneration} is 0 or behind {@code metadata.generation}: waiting;
 *   <li>{@code status.readyReplicas < spec.replicas}: waiting for the difference;
 *   <li>a {@code rollingUpdate} block is present: done once {@code updatedReplicas} reaches {@code
 *       replicas - partition} (a partition above replicas is done at once);
 *   <li>otherwise: done once {@code updateRevision} equals {@code currentRevision}.
 * </ol>
 *
 * <p>Availability ({@code availableReplicas}, {@code minReadySeconds}) plays no part, and kubectl's
 * {@code --revision} flag is ignored for StatefulSets (R-ROLLOUT-6).
 *
 * <p><b>Defaulting.</b> kubectl reads the set from the apiserver, which always returns defaulted
 * objects, so the viewer never sees unset fields even though its code tests for nil. This method
 * therefore reads an undefaulted {@link StatefulSet} as the apiserver would return it: unset {@code
 * replicas} is 1 (R-DEF-4); an unset strategy type is {@code RollingUpdate} with an empty {@code
 * rollingUpdate} block if none was given (R-DEF-2), which selects the "partitioned" messages; an
 * unset partition in a present block is 0 (R-DEF-3). An explicit {@code type: RollingUpdate}
 * without a block keeps the block absent and selects the revision messages.
 *
 * @since 0.1.0
 */
public final class RolloutStatus {

  /** The error text for a set whose update strategy is not {@code RollingUpdate}. */
  public static final String ONLY_ROLLING_UPDATE =
      "rollout status is only available for RollingUpdate strategy type";

  /**
   * What {@code kubectl rollout status} would say.
   *
   * @param message the text kubectl prints: a status line ending in {@code "\n"}, or, when {@code
   *     error} is true, the error's text without a newline (upstream returns an empty status and
   *     this text as {@code err}; kubectl prints it as {@code error: <text>} and exits non-zero)
   * @param done whether kubectl stops watching; true for the error too
   * @param error whether kubectl reports an error instead of a status
   * @since 0.1.0
   */
  public record Result(String message, boolean done, boolean error) {

    /**
     * Checks the message.
     *
     * @throws NullPointerException if message is null
     */
    public Result {
      requireNonNull(message, "message");
    }
  }

  private RolloutStatus() {}

  /**
   * Returns what {@code kubectl rollout status} reports for this set, reading its spec, {@code
   * metadata.generation} and status as the apiserver would return them (see the class notes on
   * defaulting).
   *
   * @throws NullPointerException if set is null
   */
  public static Result status(StatefulSet set) {
    requireNonNull(set, "set");
    UpdateStrategy strategy = set.spec().updateStrategy();
    UpdateStrategyType type = strategy.type();
    @Nullable RollingUpdate rollingUpdate = strategy.rollingUpdate();
    if (type == null) {
      // R-DEF-2: only an unset type gets an (empty) rollingUpdate block by default.
      type = UpdateStrategyType.ROLLING_UPDATE;
      if (rollingUpdate == null) {
        rollingUpdate = RollingUpdate.EMPTY;
      }
    }
    if (type != UpdateStrategyType.ROLLING_UPDATE) {
      return new Result(ONLY_ROLLING_UPDATE, true, true);
    }

    StatefulSetStatus status = set.status();
    if (status.observedGeneration() == 0 || set.generation() > status.observedGeneration()) {
      return waiting("Waiting for statefulset spec update to be observed...\n");
    }
    int replicas = set.spec().effectiveReplicas();
    if (status.readyReplicas() < replicas) {
      return waiting(
          "Waiting for " + (replicas - status.readyReplicas()) + " pods to be ready...\n");
    }
    int updated = status.updatedReplicas();
    if (rollingUpdate != null) {
      // int arithmetic wraps like Go's int32; a partition above replicas gives a negative target.
      int target = replicas - rollingUpdate.effectivePartition();
      if (updated < target) {
        return waiting(
            "Waiting for partitioned roll out to finish: "
                + updated
                + " out of "
                + target
                + " new pods have been updated...\n");
      }
      return done("partitioned roll out complete: " + updated + " new pods have been updated...\n");
    }
    if (!status.updateRevision().equals(status.currentRevision())) {
      return waiting(
          "waiting for statefulset rolling update to complete "
              + updated
              + " pods at revision "
              + status.updateRevision()
              + "...\n");
    }
    return done(
        "statefulset rolling update complete "
            + status.currentReplicas()
            + " pods at revision "
            + status.currentRevision()
            + "...\n");
  }

  private static Result waiting(String message) {
    return new Result(message, false, false);
  }

  private static Result done(String message) {
    return new Result(message, true, false);
  }
}
