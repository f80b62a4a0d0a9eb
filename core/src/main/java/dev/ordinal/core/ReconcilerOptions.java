package dev.ordinal.core;

/**
 * Which upstream behaviour the planner reproduces. The defaults are Kubernetes v1.35; every other
 * setting is a documented upstream behaviour of another release, chosen by name.
 *
 * @param maxUnavailableRollingUpdate feature gate {@code MaxUnavailableStatefulSet} (beta, on in
 *     v1.35): rolling updates delete up to {@code maxUnavailable} pods per sync (R-UPDATE-5) and
 *     the update scans honour {@code minReadySeconds} (R-AVAIL-3). Off reproduces releases before
 *     v1.35: one pod at a time, stopping at the first unhealthy pod (R-UPDATE-3).
 * @param podIndexLabel feature gate {@code PodIndexLabel} (GA in v1.32): new pods get the {@code
 *     apps.kubernetes.io/pod-index} label (R-LABEL-4).
 * @param onDeleteCompletesRollout upstream PR #136833 (after v1.36): with {@code OnDelete}, {@code
 *     currentRevision} advances once every pod is updated, as it does for RollingUpdate (R-STATUS-8).
 * @param semanticRevisionComparison feature gate {@code StatefulSetSemanticRevisionComparison}: the
 *     newest revision is reused when its template equals the set's once re-encoded, so a template
 *     recorded by an older release (with {@code creationTimestamp: null}) does not roll every pod
 *     (R-REV-4).
 * @param capitalisedEventVerbs event messages start with the verb capitalised, {@code Create Pod
 *     web-0 in StatefulSet web successful} (v1.35 on); off gives v1.34's {@code create Pod ...}
 *     (R-EVENT-1).
 * @param deleteNotFoundSucceeds a pod delete answered with {@code NotFound} succeeds wherever it
 *     is made, and is recorded as {@code SuccessfulDelete} (v1.36 on); off gives v1.35's {@code
 *     FailedDelete}, after which only the update paths carry on (R-EVENT-1, R-ORDER-8).
 * @since 0.1.0
 */
public record ReconcilerOptions(
    boolean maxUnavailableRollingUpdate,
    boolean podIndexLabel,
    boolean onDeleteCompletesRollout,
    boolean semanticRevisionComparison,
    boolean capitalisedEventVerbs,
    boolean deleteNotFoundSucceeds) {

  /** Kubernetes v1.35, the default. */
  public static final ReconcilerOptions V1_35 = new ReconcilerOptions(true, true, false, true, true, false);

  /**
   * Kubernetes v1.34: no maxUnavailable (one pod at a time), update scans ignore minReadySeconds,
   * event messages start with a lower-case verb.
   */
  public static final ReconcilerOptions V1_34 =
      new ReconcilerOptions(false, true, false, true, false, false);

  /** Returns the defaults, {@link #V1_35}. */
  public static ReconcilerOptions defaults() {
    return V1_35;
  }

  /** Returns a copy with {@link #maxUnavailableRollingUpdate()} set. */
  public ReconcilerOptions withMaxUnavailableRollingUpdate(boolean on) {
    return new ReconcilerOptions(
        on, podIndexLabel, onDeleteCompletesRollout, semanticRevisionComparison,
        capitalisedEventVerbs, deleteNotFoundSucceeds);
  }

  /** Returns a copy with {@link #podIndexLabel()} set. */
  public ReconcilerOptions withPodIndexLabel(boolean on) {
    return new ReconcilerOptions(
        maxUnavailableRollingUpdate, on, onDeleteCompletesRollout, semanticRevisionComparison,
        capitalisedEventVerbs, deleteNotFoundSucceeds);
  }

  /** Returns a copy with {@link #onDeleteCompletesRollout()} set. */
  public ReconcilerOptions withOnDeleteCompletesRollout(boolean on) {
    return new ReconcilerOptions(
        maxUnavailableRollingUpdate, podIndexLabel, on, semanticRevisionComparison,
        capitalisedEventVerbs, deleteNotFoundSucceeds);
  }

  /** Returns a copy with {@link #semanticRevisionComparison()} set. */
  public ReconcilerOptions withSemanticRevisionComparison(boolean on) {
    return new ReconcilerOptions(
        maxUnavailableRollingUpdate, podIndexLabel, onDeleteCompletesRollout, on,
        capitalisedEventVerbs, deleteNotFoundSucceeds);
  }

  /** Returns a copy with {@link #capitalisedEventVerbs()} set. */
  public ReconcilerOptions withCapitalisedEventVerbs(boolean on) {
    return new ReconcilerOptions(
        maxUnavailableRollingUpdate, podIndexLabel, onDeleteCompletesRollout,
        semanticRevisionComparison, on, deleteNotFoundSucceeds);
  }

  /** Returns a copy with {@link #deleteNotFoundSucceeds()} set. */
  public ReconcilerOptions withDeleteNotFoundSucceeds(boolean on) {
    return new ReconcilerOptions(
        maxUnavailableRollingUpdate, podIndexLabel, onDeleteCompletesRollout,
        semanticRevisionComparison, capitalisedEventVerbs, on);
  }
}
