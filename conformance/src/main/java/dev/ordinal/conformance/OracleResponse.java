package dev.ordinal.conformance;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * One decoded response line of the oracle protocol: the calls of the sync, its events, the requeue
 * and the error, or the oracle's reason for rejecting the request.
 *
 * @param id the request's id, echoed
 * @param release the oracle's release, such as {@code 1.37.2}
 * @param calls every API call in order, reads included
 * @param events the events recorded, in order
 * @param requeueAfterMillis the smallest {@code AddAfter} delay, or null
 * @param retry whether the sync returned an error
 * @param error the sync's error text, or null
 * @param invalid why the oracle rejected the request, or null for an answered request
 */
public record OracleResponse(
    String id,
    String release,
    List<Call> calls,
    List<Event> events,
    @Nullable Long requeueAfterMillis,
    boolean retry,
    @Nullable String error,
    @Nullable String invalid) {

  private static final Set<String> READS = Set.of("get", "list", "watch");

  /**
   * One API call through the oracle's fake clientset.
   *
   * @param object the body of a create or update, canonical; null otherwise
   * @param patch the patch document, canonical; null unless a patch
   */
  public record Call(
      String verb,
      String resource,
      String subresource,
      String namespace,
      String name,
      @Nullable Map<String, Object> object,
      @Nullable String patchType,
      @Nullable Map<String, Object> patch) {

    /** Returns true for get, list and watch. */
    public boolean isRead() {
      return READS.contains(verb);
    }

    /** Returns {@code verb resource[/subresource] namespace/name}. */
    public String describe() {
      return verb
          + " "
          + resource
          + (subresource.isEmpty() ? "" : "/" + subresource)
          + " "
          + namespace
          + "/"
          + name;
    }
  }

  /** One recorded event. */
  public record Event(String type, String reason, String message) {
    public Event {
      requireNonNull(type, "type");
      requireNonNull(reason, "reason");
      requireNonNull(message, "message");
    }
  }

  public OracleResponse {
    calls = List.copyOf(calls);
    events = List.copyOf(events);
  }

  /** Returns the writes: every call but get, list and watch. */
  public List<Call> writes() {
    return calls.stream().filter(c -> !c.isRead()).toList();
  }

  /** Returns the reads. */
  public List<Call> reads() {
    return calls.stream().filter(Call::isRead).toList();
  }

  /**
   * Decodes a response line.
   *
   * @throws OracleException if the line is not a JSON object of the protocol; the message names the
   *     field and quotes the line's start
   */
  public static OracleResponse parse(String line) {
    Map<String, Object> m;
    try {
      Object tree = Requests.MAPPER.readValue(line, Object.class);
      if (!(tree instanceof Map)) {
        throw bad(line, "$", "not a JSON object");
      }
      m = Json.canonicalObject(cast(tree));
    } catch (JacksonException e) {
      throw bad(line, "$", "not JSON: " + e.getOriginalMessage());
    }
    String id = string(m, "id", line, true);
    String invalid = string(m, "invalid", line, false);
    if (invalid != null) {
      return new OracleResponse(id, "", List.of(), List.of(), null, false, null, invalid);
    }
    List<Call> calls = new ArrayList<>();
    List<?> rawCalls = list(m, "calls", line);
    for (int i = 0; i < rawCalls.size(); i++) {
      Map<String, Object> c = object(rawCalls.get(i), "calls[" + i + "]", line);
      String path = "calls[" + i + "].";
      calls.add(
          new Call(
              requireString(c, "verb", path, line),
              requireString(c, "resource", path, line),
              orEmpty(string(c, "subresource", line, false)),
              orEmpty(string(c, "namespace", line, false)),
              orEmpty(string(c, "name", line, false)),
              c.get("object") == null ? null : object(c.get("object"), path + "object", line),
              string(c, "patchType", line, false),
              c.get("patch") == null ? null : patch(c.get("patch"), path + "patch", line)));
    }
    List<Event> events = new ArrayList<>();
    List<?> rawEvents = list(m, "events", line);
    for (int i = 0; i < rawEvents.size(); i++) {
      Map<String, Object> e = object(rawEvents.get(i), "events[" + i + "]", line);
      String path = "events[" + i + "].";
      events.add(
          new Event(
              requireString(e, "type", path, line),
              requireString(e, "reason", path, line),
              requireString(e, "message", path, line)));
    }
    Object requeue = m.get("requeueAfterMillis");
    if (requeue != null && !(requeue instanceof Long)) {
      throw bad(line, "requeueAfterMillis", "must be an integer or null: " + requeue);
    }
    Object retry = m.get("retry");
    if (retry != null && !(retry instanceof Boolean)) {
      throw bad(line, "retry", "must be a boolean: " + retry);
    }
    return new OracleResponse(
        id,
        orEmpty(string(m, "release", line, false)),
        calls,
        events,
        (Long) requeue,
        Boolean.TRUE.equals(retry),
        string(m, "error", line, false),
        null);
  }

  /** A patch arrives as a JSON object, or as a JSON string holding one. */
  private static Map<String, Object> patch(Object raw, String path, String line) {
    if (raw instanceof String) {
      try {
        return object(
            Json.canonical(Requests.MAPPER.readValue((String) raw, Object.class)), path, line);
      } catch (JacksonException e) {
        throw bad(line, path, "not a JSON document: " + e.getOriginalMessage());
      }
    }
    return object(raw, path, line);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> object(@Nullable Object o, String path, String line) {
    if (!(o instanceof Map)) {
      throw bad(line, path, "must be an object");
    }
    return cast(o);
  }

  private static List<?> list(Map<String, Object> m, String key, String line) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw bad(line, key, "must be an array");
    }
    return (List<?>) v;
  }

  private static @Nullable String string(
      Map<String, Object> m, String key, String line, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) {
        throw bad(line, key, "is required");
      }
      return null;
    }
    if (!(v instanceof String)) {
      throw bad(line, key, "must be a string");
    }
    return (String) v;
  }

  private static String requireString(Map<String, Object> m, String key, String path, String line) {
    Object v = m.get(key);
    if (!(v instanceof String)) {
      throw bad(line, path + key, "is required and must be a string");
    }
    return (String) v;
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static OracleException bad(String line, String field, String what) {
    String start = line.length() > 200 ? line.substring(0, 200) + "..." : line;
    return new OracleException("oracle response field " + field + " " + what + ": " + start);
  }
}
