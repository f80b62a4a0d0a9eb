package dev.ordinal.sim;

/**
 * {@code propagationPolicy} of a delete: what the garbage collector does with the dependents of the
 * deleted object ({@code kubectl delete --cascade=background|foreground|orphan}).
 *
 * @since 0.1.0
 */
public enum Propagation {
  /** The owner goes at once; the garbage collector deletes its dependents afterwards. */
  BACKGROUND("Background"),
  /**
   * The owner stays, with a {@code deletionTimestamp} and the {@code foregroundDeletion} finalizer,
   * until its blocking dependents are gone.
   */
  FOREGROUND("Foreground"),
  /** The owner's references are removed from its dependents, which stay; then the owner goes. */
  ORPHAN("Orphan");

  private final String wireName;

  Propagation(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the Kubernetes spelling, for example {@code Foreground}. */
  public String wireName() {
    return wireName;
  }
}
