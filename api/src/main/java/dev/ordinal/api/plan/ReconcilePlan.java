package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.StatefulSetStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one sync of the StatefulSet controller does: its actions in upstream's order, the status it
 * computes, why it stops where it stops, whether upstream's sync would end with an error, and when
 * to look again.
 *
 * <p>The constructor throws {@link IllegalArgumentException} if the actions are out of phase
 * order, or a failing plan asks for a requeue.
 *
 * @param actions the actions in the order upstream issues them, so phase by phase ({@link
 *     Action#phase()} never decreases)
 * @param status the status the sync computes; written when {@link #actions()} has a {@link
 *     Action.WriteStatus}
 * @param stop why the sync stops early; null when it ran to the end
 * @param syncError the error upstream's sync returns for this observation, or null when it
 *     succeeds; a failed sync is retried with backoff and not requeued after {@code requeueAfter}
 * @param requeueAfter when to sync again even if nothing changes (minReadySeconds), or null
 * @param anomalies odd observed state the planner tolerated
 * @param burstBatches for Parallel sets, the index in {@code actions} where each slow-start batch
 *     begins (an applier stops launching batches after one that failed); empty otherwise
 * @param events the events upstream's recorder gets in this sync when every action succeeds, in
 *     order (R-EVENT-1, R-EVENT-2): what {@code kubectl describe statefulset} then lists. An
 *     applier whose calls fail records other events; {@code StatefulSetController} reports those
 * @since 0.1.0
 */
public record ReconcilePlan(
    List<Action> actions,
    StatefulSetStatus status,
    @Nullable StopReason stop,
    @Nullable SyncError syncError,
    @Nullable Duration requeueAfter,
    List<Anomaly> anomalies,
    List<Integer> burstBatches,
    List<Event> events) {

  /**
   * Returns a plan without events: for appliers and tests that build a plan by hand.
   *
   * @throws IllegalArgumentException as the canonical constructor
   */
  public ReconcilePlan(
      List<Action> actions,
      StatefulSetStatus status,
      @Nullable StopReason stop,
      @Nullable SyncError syncError,
      @Nullable Duration requeueAfter,
      List<Anomaly> anomalies,
      List<Integer> burstBatches) {
    this(actions, status, stop, syncError, requeueAfter, anomalies, burstBatches, List.of());
  }

  public ReconcilePlan {
    actions = List.copyOf(actions);
    for (int i = 1; i < actions.size(); i++) {
      if (actions.get(i).phase().compareTo(actions.get(i - 1).phase()) < 0) {
        throw new IllegalArgumentException(
            "actions must be in phase order: "
                + actions.get(i)
                + " ("
                + actions.get(i).phase()
                + ") follows "
                + actions.get(i - 1).phase());
      }
    }
    requireNonNull(status, "status");
    if (syncError != null && requeueAfter != null) {
      throw new IllegalArgumentException(
          "a failing plan is retried with backoff, not requeued: " + syncError);
    }
    anomalies = List.copyOf(anomalies);
    burstBatches = List.copyOf(burstBatches);
    events = List.copyOf(events);
  }

  /** Returns a copy with these events. */
  public ReconcilePlan withEvents(List<Event> events) {
    return new ReconcilePlan(
        actions, status, stop, syncError, requeueAfter, anomalies, burstBatches, events);
  }

  /** Returns the stop reason, if the sync stopped early. */
  public Optional<StopReason> stopReason() {
    return Optional.ofNullable(stop);
  }

  /** Returns the error upstream's sync returns for this observation, if it fails. */
  public Optional<SyncError> error() {
    return Optional.ofNullable(syncError);
  }

  /** Returns true if upstream's sync ends with an error on this observation. */
  public boolean fails() {
    return syncError != null;
  }

  /** Returns true if the plan does nothing at all, not even a status write. */
  public boolean isEmpty() {
    return actions.isEmpty();
  }

  /** Returns the actions of one kind, in order. */
  public <A extends Action> List<A> actionsOf(Class<A> kind) {
    return actions.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /**
   * Returns the plan in words on one line: its actions separated by {@code ;}, then why it stops,
   * why it fails, when to look again and the anomalies, each only when there is one, for example
   * {@code plan: create claim www-web-0 (for pod web-0); create pod web-0 (revision web-7c8f);
   * write status replicas=0 ...; stops: created web-0; ... (R-ORDER-2)}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("plan: ");
    if (actions.isEmpty()) {
      out.append("no actions");
    }
    for (int i = 0; i < actions.size(); i++) {
      out.append(i == 0 ? "" : "; ").append(actions.get(i));
    }
    if (stop != null) {
      out.append("; stops: ").append(stop);
    }
    if (syncError != null) {
      out.append("; fails: ").append(syncError);
    }
    if (requeueAfter != null) {
      // Duration prints as PT10S; the suffix in lower case reads as Go prints it: 10s, 1m30s.
      String seconds = requeueAfter.toString().substring(2).toLowerCase(Locale.ROOT);
      out.append("; requeue after ").append(seconds);
    }
    for (Anomaly a : anomalies) {
      out.append("; anomaly: ").append(a);
    }
    return out.toString();
  }
}
