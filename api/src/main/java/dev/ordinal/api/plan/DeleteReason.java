package dev.ordinal.api.plan;

/**
 * Why the controller deletes a pod.
 *
 * @since 0.1.0
 */
public enum DeleteReason {
  /** The pod Failed or Succeeded; it is recreated on a later sync (R-ORDER-1). */
  FINISHED,
  /** The pod's ordinal is outside the replica range (R-ORDER-8). */
  SCALE_DOWN,
  /** The pod is not at the update revision (R-UPDATE-3, R-UPDATE-5). */
  UPDATE
}
