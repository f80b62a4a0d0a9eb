package dev.ordinal.api.plan;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An event the StatefulSet controller records on the set, as {@code kubectl describe statefulset}
 * lists it: its type, reason and message, exactly as upstream's event recorder gets them (R-EVENT-1,
 * R-EVENT-2).
 *
 * <p>Upstream records every event on the set itself (the {@code involvedObject}), also when it is
 * about one of the set's pods or claims; {@link #pod()} names the pod whose step recorded it.
 *
 * @param type {@code Normal} or {@code Warning}
 * @param reason the reason, such as {@code SuccessfulCreate} or {@code FailedDelete}
 * @param message the message, such as {@code Create Pod web-0 in StatefulSet web successful}
 * @param namespace the namespace of the involved object, the set
 * @param setName the name of the involved object, the set
 * @param pod the pod whose step records the event, or null for an event of the set as a whole
 * @since 0.1.0
 */
public record Event(
    Type type, String reason, String message, String namespace, String setName, @Nullable String pod) {

  /** The two event types of Kubernetes. */
  public enum Type {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /** Returns the Kubernetes spelling, {@code Normal} or {@code Warning}. */
    public String wireName() {
      return wireName;
    }
  }

  public Event {
    requireNonNull(type, "type");
    requireNonNull(reason, "reason");
    requireNonNull(message, "message");
    requireNonNull(namespace, "namespace");
    requireNonNull(setName, "setName");
  }

  /** Returns the event as {@code kubectl describe} columns: {@code Normal SuccessfulCreate ...}. */
  @Override
  public String toString() {
    return type.wireName() + " " + reason + " " + message;
  }
}
