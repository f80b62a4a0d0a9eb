package dev.ordinal.sim;

import dev.ordinal.api.plan.Action;

/**
 * Unwinds the controller out of the middle of a sync, as if its process died right after a write:
 * thrown by the port, caught by the controller loop. It never reaches a caller.
 */
final class ControllerCrash extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Action after;

  ControllerCrash(Action after) {
    super(
        "controller crashed after " + after.getClass().getSimpleName() + " " + after.target(),
        null,
        false,
        false);
    this.after = after;
  }

  Action after() {
    return after;
  }
}
