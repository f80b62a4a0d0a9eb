package dev.ordinal.sim;

import org.jspecify.annotations.Nullable;

/**
 * One change to the store, with the object's views before and after: what watches, the event log
 * and the controller's event handlers see.
 */
record Change(
    ObjectKind kind,
    Type type,
    String namespace,
    String name,
    @Nullable Object before,
    @Nullable Object after) {

  enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }

  /** Returns the view after the change, or before it for a deletion. */
  Object latest() {
    Object o = after != null ? after : before;
    if (o == null) {
      throw new IllegalStateException("bug: change without an object");
    }
    return o;
  }
}
