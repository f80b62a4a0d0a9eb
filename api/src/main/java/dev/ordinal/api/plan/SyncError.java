package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

/**
 * The error upstream's sync returns for what it observed: the sync stops there and its work queue
 * retries the set with backoff. It is not a {@link StopReason}: a sync that merely waits (for a pod
 * to become Ready, say) ends without an error and is not retried until something changes.
 *
 * <p>Only failures that follow from the observation are planned: a claim being deleted, a pod that
 * cannot be created or renamed, orphan revisions of a set being deleted. Failures of the API calls
 * themselves are the applier's to see.
 *
 * @param object the object the error is about: a claim, a pod or the set
 * @param rule the rule id, for example {@code R-PVC-3}
 * @param message the error as upstream words it, for example {@code pvc www-web-0 is being deleted};
 *     several errors of one sync read as upstream aggregates them, {@code [first, second]}
 * @since 0.1.0
 */
public record SyncError(String object, String rule, String message) {

  public SyncError {
    requireNonNull(object, "object");
    requireNonNull(rule, "rule");
    requireNonNull(message, "message");
  }

  /** Returns the message followed by the rule id in parentheses. */
  @Override
  public String toString() {
    return message + " (" + rule + ")";
  }
}
