package dev.ordinal.conformance;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.Json;
import dev.ordinal.kube.ApiCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compares what Ordinal does in one sync with what the oracle did: the writes call by call (reads
 * are reported, not compared), the bodies field by field, the events, the requeue and whether the
 * sync failed. Every difference gets a class, a stable string without the observation's names
 * ({@code body update statefulsets/status: status.availableReplicas}), so that differences can be
 * counted and listed as known.
 *
 * <p>Bodies are compared after a normalization both sides get: top-level {@code apiVersion} and
 * {@code kind} are dropped (the fake clientset records Go objects without them), so are null, empty
 * strings and empty lists (Go's {@code omitempty} writes them as absent), empty objects of the
 * struct fields Go holds by value ({@code status}, {@code resources}, ...: Go writes them as {@code
 * {}} even when unset; other empty objects are kept, as {@code emptyDir: {}} means something), and
 * the leading claim volumes of a pod are sorted by name (upstream builds them from a Go map, in
 * random order).
 */
public final class CallDiff {

  /** One difference: its class and what it is in this observation. */
  public record Difference(String kind, String detail) {
    public Difference {
      requireNonNull(kind, "kind");
      requireNonNull(detail, "detail");
    }
  }

  /** What Ordinal does in the sync. */
  public record Ordinal(
      List<ApiCall> calls, @Nullable Duration requeueAfter, boolean failed, List<String> events) {
    public Ordinal {
      calls = List.copyOf(calls);
      events = List.copyOf(events);
    }
  }

  /** The outcome of one comparison. */
  public record Result(List<Difference> differences, String report) {
    public Result {
      differences = List.copyOf(differences);
    }

    /** Returns true if Ordinal and the oracle did the same. */
    public boolean same() {
      return differences.isEmpty();
    }
  }

  /**
   * Fields that are Go structs held by value: Go writes them as {@code {}} even when empty, where
   * an empty pointer struct such as {@code emptyDir} means something; empty, these are absent.
   */
  private static final java.util.Set<String> VALUE_STRUCTS =
      java.util.Set.of("status", "resources", "spec", "metadata", "template");

  private CallDiff() {}

  /** Compares Ordinal's sync with the oracle's answer, as if no object existed before. */
  public static Result compare(Ordinal ordinal, OracleResponse oracle) {
    return compare(ordinal, oracle, java.util.Set.of());
  }

  /**
   * Compares Ordinal's sync with the oracle's answer.
   *
   * @param existing {@code resource/name} of every object the request holds: an oracle create of
   *     one of them failed with AlreadyExists (the protocol does not report results), and is
   *     classed apart from a create Ordinal misses
   */
  public static Result compare(
      Ordinal ordinal, OracleResponse oracle, java.util.Set<String> existing) {
    requireNonNull(ordinal, "ordinal");
    requireNonNull(oracle, "oracle");
    List<Difference> out = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    // Upstream creates one pod's claims from a Go map, in random order: a run of claim creates is
    // compared as a set, by sorting it by name on both sides.
    List<OracleResponse.Call> writes =
        sortClaimRuns(oracle.writes(), c -> c.verb(), c -> c.resource(), c -> c.name());
    List<ApiCall> mine =
        sortClaimRuns(ordinal.calls(), ApiCall::verb, ApiCall::resource, ApiCall::name);

    // Align the two write sequences on (verb, resource, subresource, name) by longest common
    // subsequence, so that one missing call does not make every later call differ.
    String[] a = new String[mine.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] =
          key(
              mine.get(i).verb(),
              mine.get(i).resource(),
              mine.get(i).subresource(),
              mine.get(i).name());
    }
    String[] b = new String[writes.size()];
    for (int j = 0; j < b.length; j++) {
      OracleResponse.Call c = writes.get(j);
      b[j] = key(c.verb(), c.resource(), c.subresource(), c.name());
    }
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Integer> extra = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    boolean firstShown = false;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        List<String[]> fields = bodyDiff(mine.get(i), writes.get(j));
        for (String[] f : fields) {
          out.add(
              new Difference(
                  "body " + kindOf(mine.get(i)) + ": " + f[0] + " (" + f[1] + ")",
                  mine.get(i).describe() + " " + f[2]));
        }
        if (!fields.isEmpty() && !firstShown) {
          firstShown = true;
          report
              .append("first differing call, #")
              .append(i + 1)
              .append(" of Ordinal, #")
              .append(j + 1)
              .append(" of the oracle: ")
              .append(mine.get(i).describe())
              .append('\n');
          for (String[] f : fields) {
            report.append("  ").append(f[2]).append('\n');
          }
        }
        i++;
        j++;
      } else if (j >= b.length || (i < a.length && lcs[i + 1][j] >= lcs[i][j + 1])) {
        extra.add(i++);
      } else {
        missing.add(j++);
      }
    }
    // A call on both sides, only at other places, is an order difference, not two.
    for (int x = 0; x < extra.size(); x++) {
      for (int y = 0; y < missing.size(); y++) {
        if (a[extra.get(x)].equals(b[missing.get(y)])) {
          ApiCall c = mine.get(extra.get(x));
          out.add(
              new Difference(
                  "order " + kindOf(c),
                  c.describe()
                      + " is call #"
                      + (extra.get(x) + 1)
                      + " of Ordinal, #"
                      + (missing.get(y) + 1)
                      + " of the oracle"));
          extra.remove(x--);
          missing.remove(y);
          break;
        }
      }
    }
    for (int x : extra) {
      ApiCall c = mine.get(x);
      out.add(
          new Difference(
              "extra " + kindOf(c),
              "Ordinal " + c.describe() + " (call #" + (x + 1) + "), the oracle does not"));
    }
    for (int y : missing) {
      OracleResponse.Call c = writes.get(y);
      boolean exists =
          c.verb().equals("create") && existing.contains(c.resource() + "/" + c.name());
      out.add(
          new Difference(
              "missing "
                  + c.verb()
                  + " "
                  + c.resource()
                  + (c.subresource().isEmpty() ? "" : "/" + c.subresource())
                  + (exists ? " of an existing name (fails with AlreadyExists)" : ""),
              "the oracle " + c.describe() + " (call #" + (y + 1) + "), Ordinal does not"));
    }

    // Events, one by one in order; one only on one side is classed by its type and reason, and
    // marked when the calls differ too: an event follows from its call, so a call one side
    // misses brings its event along.
    // A sync that fails on one side only stops its calls at another place.
    // A create of a name the request holds fails upstream with AlreadyExists, and records nothing.
    boolean callsDiffer =
        !out.isEmpty()
            || ordinal.failed() != oracle.retry()
            || mine.stream()
                .anyMatch(
                    c -> c.verb().equals("create") && existing.contains(c.resource() + "/" + c.name()));
    String because = callsDiffer ? " (the calls differ too)" : "";
    List<String> theirs = new ArrayList<>();
    for (OracleResponse.Event e : oracle.events()) {
      theirs.add(sortAggregate(e.type() + " " + e.reason() + ": " + e.message()));
    }
    // One pod's claims are created in Go map order: their events, like their calls, as a set.
    theirs = sortClaimEventRuns(theirs);
    List<String> ours = new ArrayList<>();
    for (String e : ordinal.events()) {
      ours.add(sortAggregate(e));
    }
    ours = sortClaimEventRuns(ours);
    if (!theirs.equals(ours)) {
      List<String> left = new ArrayList<>(theirs);
      boolean onlyOrder = true;
      for (String e : ours) {
        if (!left.remove(e)) {
          onlyOrder = false;
          out.add(
              new Difference(
                  "event only in Ordinal: " + eventClass(e) + because, "Ordinal records " + e));
        }
      }
      for (String e : left) {
        onlyOrder = false;
        out.add(
            new Difference(
                "event only in the oracle: " + eventClass(e) + because,
                "the oracle records " + e));
      }
      if (onlyOrder) {
        out.add(
            new Difference(
                "event order" + because,
                "Ordinal records " + ours + ", the oracle " + theirs));
      }
    }

    Long requeue = ordinal.requeueAfter() == null ? null : ordinal.requeueAfter().toMillis();
    if (!Objects.equals(requeue, oracle.requeueAfterMillis())) {
      String kind =
          requeue == null
              ? "requeue only by the oracle"
              : oracle.requeueAfterMillis() == null ? "requeue only by Ordinal" : "requeue delay";
      out.add(
          new Difference(
              kind,
              "requeue after: Ordinal "
                  + requeue
                  + " ms, oracle "
                  + oracle.requeueAfterMillis()
                  + " ms"));
    }
    if (ordinal.failed() != oracle.retry()) {
      out.add(
          new Difference(
              ordinal.failed() ? "sync fails only in Ordinal" : "sync fails only in the oracle",
              "error: oracle " + (oracle.error() == null ? "none" : "\"" + oracle.error() + "\"")));
    }

    StringBuilder text = new StringBuilder();
    text.append("Ordinal: ")
        .append(mine.size())
        .append(" writes; oracle: ")
        .append(writes.size())
        .append(" writes, ")
        .append(oracle.reads().size())
        .append(" reads (not compared)\n");
    for (Difference d : out) {
      text.append("- [").append(d.kind()).append("] ").append(d.detail()).append('\n');
    }
    text.append(report);
    return new Result(out, text.toString());
  }

  private static <T> List<T> sortClaimRuns(
      List<T> calls,
      java.util.function.Function<T, String> verb,
      java.util.function.Function<T, String> resource,
      java.util.function.Function<T, String> name) {
    List<T> out = new ArrayList<>(calls);
    int i = 0;
    while (i < out.size()) {
      int j = i;
      while (j < out.size()
          && verb.apply(out.get(j)).equals("create")
          && resource.apply(out.get(j)).equals(ApiCall.CLAIMS)) {
        j++;
      }
      if (j > i + 1) {
        out.subList(i, j).sort(java.util.Comparator.comparing(name));
      }
      i = Math.max(j, i + 1);
    }
    return out;
  }

  private static final java.util.regex.Pattern CLAIM_CREATED =
      java.util.regex.Pattern.compile("Normal SuccessfulCreate: [Cc]reate Claim .*");

  /** Returns the events with each run of claim-created events sorted. */
  private static List<String> sortClaimEventRuns(List<String> events) {
    List<String> out = new ArrayList<>(events);
    int i = 0;
    while (i < out.size()) {
      int j = i;
      while (j < out.size() && CLAIM_CREATED.matcher(out.get(j)).matches()) {
        j++;
      }
      if (j > i + 1) {
        java.util.Collections.sort(out.subList(i, j));
      }
      i = Math.max(j, i + 1);
    }
    return out;
  }

  /**
   * Returns an event with an aggregated error ({@code failed error: [a, b]}) sorted: upstream
   * builds one pod's claims from a Go map, so the order of their errors varies from run to run.
   */
  private static String sortAggregate(String event) {
    int at = event.indexOf("failed error: [");
    if (at < 0 || !event.endsWith("]")) {
      return event;
    }
    int open = at + "failed error: ".length();
    List<String> parts =
        new ArrayList<>(List.of(event.substring(open + 1, event.length() - 1).split(", ")));
    java.util.Collections.sort(parts);
    return event.substring(0, open) + "[" + String.join(", ", parts) + "]";
  }

  /** Returns an event's class: its type and reason, {@code Normal SuccessfulCreate}. */
  private static String eventClass(String event) {
    return event.substring(0, event.indexOf(':'));
  }

  private static String key(String verb, String resource, String sub, String name) {
    return verb + " " + resource + "/" + sub + " " + name;
  }

  private static String kindOf(ApiCall c) {
    return c.verb() + " " + c.resource() + (c.subresource().isEmpty() ? "" : "/" + c.subresource());
  }

  /** Returns {class path, kind, readable line} per differing field of the bodies or patches. */
  private static List<String[]> bodyDiff(ApiCall mine, OracleResponse.Call theirs) {
    List<String[]> out = new ArrayList<>();
    if (mine.verb().equals("patch")) {
      if (!Objects.equals(mine.patchType(), theirs.patchType())) {
        out.add(
            new String[] {
              "patchType",
              "differs",
              "patchType: Ordinal " + mine.patchType() + ", oracle " + theirs.patchType()
            });
      }
      diff("", normalize(mine.patch(), false), normalize(theirs.patch(), false), out);
    } else if (mine.body() != null || theirs.object() != null) {
      boolean pod = mine.resource().equals(ApiCall.PODS);
      diff("", normalize(mine.body(), pod), normalize(theirs.object(), pod), out);
    }
    return out;
  }

  /** Returns the normalized form of a body, as the class javadoc describes. */
  static @Nullable Object normalize(@Nullable Map<String, Object> body, boolean pod) {
    if (body == null) {
      return null;
    }
    Map<String, Object> copy = new LinkedHashMap<>(body);
    copy.remove("apiVersion");
    copy.remove("kind");
    Object n = prune(copy);
    if (pod && n instanceof Map) {
      n = sortClaimVolumes(castMap(n));
    }
    return n;
  }

  private static @Nullable Object prune(@Nullable Object v) {
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      castMap(v)
          .forEach(
              (k, x) -> {
                Object p = prune(x);
                boolean emptyValueStruct =
                    VALUE_STRUCTS.contains(k) && p instanceof Map && ((Map<?, ?>) p).isEmpty();
                if (p != null && !emptyValueStruct) {
                  out.put(k, p);
                }
              });
      // An empty object stays: Go writes a set pointer to an empty struct (emptyDir: {}) as {}.
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object x : (List<?>) v) {
        Object p = prune(x);
        out.add(p == null ? Map.of() : p);
      }
      return out.isEmpty() ? null : out;
    }
    if (v instanceof String && ((String) v).isEmpty()) {
      return null;
    }
    return v;
  }

  private static Map<String, Object> sortClaimVolumes(Map<String, Object> pod) {
    Object spec = pod.get("spec");
    if (!(spec instanceof Map) || !(castMap(spec).get("volumes") instanceof List)) {
      return pod;
    }
    List<Object> volumes = new ArrayList<>((List<?>) castMap(spec).get("volumes"));
    int run = 0;
    while (run < volumes.size()
        && volumes.get(run) instanceof Map
        && castMap(volumes.get(run)).containsKey("persistentVolumeClaim")) {
      run++;
    }
    volumes
        .subList(0, run)
        .sort(
            (x, y) ->
                String.valueOf(castMap(x).get("name"))
                    .compareTo(String.valueOf(castMap(y).get("name"))));
    Map<String, Object> s = new LinkedHashMap<>(castMap(spec));
    s.put("volumes", volumes);
    Map<String, Object> out = new LinkedHashMap<>(pod);
    out.put("spec", s);
    return out;
  }

  private static void diff(
      String path, @Nullable Object a, @Nullable Object b, List<String[]> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a instanceof Map && b instanceof Map) {
      TreeSet<String> keys = new TreeSet<>(castMap(a).keySet());
      keys.addAll(castMap(b).keySet());
      for (String k : keys) {
        diff(path.isEmpty() ? k : path + "." + k, castMap(a).get(k), castMap(b).get(k), out);
      }
      return;
    }
    if (a instanceof List && b instanceof List && ((List<?>) a).size() == ((List<?>) b).size()) {
      List<?> la = (List<?>) a;
      List<?> lb = (List<?>) b;
      for (int i = 0; i < la.size(); i++) {
        diffIndexed(path, i, la.get(i), lb.get(i), out);
      }
      return;
    }
    String kind = a == null ? "only in oracle" : b == null ? "only in Ordinal" : "differs";
    if (b instanceof Long && (Long) b < 0) {
      // Upstream decrements status counts per deletion; a negative count is one the apiserver's
      // validation rejects, so the real update fails.
      kind += ", negative in the oracle";
    }
    out.add(
        new String[] {
          generalize(path), kind, path + ": Ordinal " + show(a) + ", oracle " + show(b)
        });
  }

  private static void diffIndexed(String path, int i, Object a, Object b, List<String[]> out) {
    diff(path + "[" + i + "]", a, b, out);
  }

  /** Drops list indices from a path, so that one class covers every element. */
  private static String generalize(String path) {
    return path.replaceAll("\\[\\d+\\]", "[]");
  }

  private static String show(@Nullable Object v) {
    String s = v == null ? "absent" : Json.marshal(v);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }
}
