package dev.ordinal.testkit.driver;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.ClaimRetentionPolicy;
import dev.ordinal.api.ImmutableStatefulSetSpec;
import dev.ordinal.api.PodManagementPolicy;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.RollingUpdate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.VolumeClaimTemplate;
import dev.ordinal.core.validation.Defaults;
import dev.ordinal.invariants.Invariant;
import dev.ordinal.invariants.StatefulSetInvariants;
import dev.ordinal.sim.SimulatedCluster;
import dev.ordinal.testkit.gen.Event;
import dev.ordinal.testkit.gen.Events;
import dev.ordinal.testkit.gen.Source;
import dev.ordinal.testkit.gen.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Runs random event sequences against a simulated cluster, checks the StatefulSet invariants after
 * every simulated event and convergence once the faults stop, and shrinks the first failing
 * sequence to a short scenario script that replays it.
 *
 * <pre>{@code
 * PropertyReport report = PropertyDriver.builder()
 *     .tries(500)
 *     .podManagementPolicy(PodManagementPolicy.PARALLEL)
 *     .build()
 *     .check();
 * report.assertPassed();   // on failure: the seed and the shrunk script
 * }</pre>
 *
 * <p>Try {@code i} uses seed {@code seed + i}. From its seed alone come the set ({@link
 * Specs#statefulSet}, with the configured overrides and a volume mount per claim template), the
 * sequence ({@link Events#sequence}) and the cluster ({@link SimulatedCluster.Builder#seed}), so a
 * seed and a sequence replay exactly. A one-replica set named {@value SequenceRunner#BYSTANDER}
 * shares the namespace: its pod must never be touched.
 *
 * <p>What each script line does on the simulated cluster:
 *
 * <ul>
 *   <li>{@code kubectl ...} spec changes: patch the stored set; one the apiserver rejects (say, a
 *       partition patch after a shrunk script dropped its context) changes nothing;
 *   <li>{@code sim advance <pod>}: run the simulation until the pod's phase, readiness, existence
 *       or incarnation changes, for at most 30 seconds of virtual time;
 *   <li>{@code sim fail|unready|ready <pod>}: the pod's containers fail, its readiness probe fails
 *       or passes again; nothing if the pod is not there or is terminating;
 *   <li>{@code sim terminated <pod>}: run until a terminating pod is gone (at most 60 seconds);
 *   <li>{@code sim fault next-call <kind>}: the controller's next write fails with that outcome;
 *       {@code sim crash controller}: the controller crashes after its next write; a new one-shot
 *       fault replaces one not yet used;
 *   <li>{@code sim fault stale-read}: from now on the controller reads one event late;
 *   <li>{@code sim sync}, {@code sim gc}: run whatever is due now (the controller and the garbage
 *       collector run as events happen); {@code sleep}: let the virtual time pass.
 * </ul>
 *
 * <p>Every simulated event is checked against {@link StatefulSetInvariants#ALL} (and any {@link
 * Builder#invariant extra invariant}): every plan against the observation it was made from, every
 * state against the one before it, plus {@link StatefulSetInvariants#noDataLost} over files the
 * driver writes to each pod's claims. After the sequence, faults are cleared, images fixed, lost
 * nodes recovered and every pod made ready; the cluster must then settle with {@code
 * status.readyReplicas == spec.replicas}, every pod at the update revision for a RollingUpdate
 * without partition, and upstream's driver invariants ({@link StatefulSetInvariants#monotonic},
 * {@link StatefulSetInvariants#burst}, {@link StatefulSetInvariants#update}, {@link
 * StatefulSetInvariants#claimInvariants}) holding in the settled state.
 *
 * <p>A driver is immutable and its runs are independent: {@link #check()} runs the tries on every
 * core (the {@link Builder#afterEachEvent hook} and {@link Builder#invariant invariants} must
 * therefore be thread-safe), and its report does not depend on how many there are.
 *
 * @since 0.1.0
 */
public final class PropertyDriver {

  private static final Pattern SEED = Pattern.compile("(?m)^#\\s*seed:\\s*(-?[0-9]+)\\s*$");

  private final long seed;
  private final int tries;
  private final int minEvents;
  private final int maxEvents;
  private final int maxReplicas;
  private final @Nullable PodManagementPolicy policy;
  private final @Nullable ClaimRetentionPolicy retention;
  private final Invariant invariant;
  private final Consumer<SimulatedCluster> afterEachEvent;
  private final Duration settleBound;
  private final int maxShrinkRuns;

  private PropertyDriver(Builder b) {
    this.seed = b.seed;
    this.tries = b.tries;
    this.minEvents = b.minEvents;
    this.maxEvents = b.maxEvents;
    this.maxReplicas = b.maxReplicas;
    this.policy = b.policy;
    this.retention = b.retention;
    this.invariant =
        b.extra == null ? StatefulSetInvariants.ALL : StatefulSetInvariants.ALL.and(b.extra);
    this.afterEachEvent = b.afterEachEvent;
    this.settleBound = b.settleBound;
    this.maxShrinkRuns = b.maxShrinkRuns;
  }

  /**
   * Returns a builder: seed 1, 100 tries of 5 to 15 events, at most 4 replicas, every policy, the
   * invariants of {@link StatefulSetInvariants#ALL}, one hour of virtual time to settle.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link PropertyDriver}. */
  public static final class Builder {
    private long seed = 1;
    private int tries = 100;
    private int minEvents = 5;
    private int maxEvents = 15;
    private int maxReplicas = 4;
    private @Nullable PodManagementPolicy policy;
    private @Nullable ClaimRetentionPolicy retention;
    private @Nullable Invariant extra;
    private Consumer<SimulatedCluster> afterEachEvent = c -> {};
    private Duration settleBound = Duration.ofHours(1);
    private int maxShrinkRuns = 1000;

    private Builder() {}

    /** Sets the seed of the first try; try {@code i} uses {@code seed + i}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets how many random sequences {@link #check()} runs.
     *
     * @throws IllegalArgumentException if tries is below 1
     */
    public Builder tries(int tries) {
      if (tries < 1) {
        throw new IllegalArgumentException("tries must be at least 1: " + tries);
      }
      this.tries = tries;
      return this;
    }

    /**
     * Sets the length of each sequence, drawn from {@code min} to {@code max} inclusive.
     *
     * @throws IllegalArgumentException if min is negative or max is less than min
     */
    public Builder events(int min, int max) {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException(
            "events must be 0 <= min <= max: min " + min + ", max " + max);
      }
      this.minEvents = min;
      this.maxEvents = max;
      return this;
    }

    /**
     * Sets the largest replica count of the initial set and of scale events.
     *
     * @throws IllegalArgumentException if maxReplicas is negative
     */
    public Builder maxReplicas(int maxReplicas) {
      if (maxReplicas < 0) {
        throw new IllegalArgumentException("maxReplicas must not be negative: " + maxReplicas);
      }
      this.maxReplicas = maxReplicas;
      return this;
    }

    /** Gives every generated set this pod management policy instead of a random one. */
    public Builder podManagementPolicy(PodManagementPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Gives every generated set this retention policy instead of a random one; retention events of
     * the sequences still change it.
     */
    public Builder retentionPolicy(ClaimRetentionPolicy retention) {
      this.retention = requireNonNull(retention, "retention");
      return this;
    }

    /**
     * Checks this invariant too, after every simulated event and for every plan, besides {@link
     * StatefulSetInvariants#ALL}; called again, it adds another.
     */
    public Builder invariant(Invariant invariant) {
      requireNonNull(invariant, "invariant");
      this.extra = extra == null ? invariant : extra.and(invariant);
      return this;
    }

    /**
     * Runs this after every event of a sequence, for example an operator's own reconcile against
     * the cluster, or a deliberate bug. It must be deterministic for seeds to replay.
     */
    public Builder afterEachEvent(Consumer<SimulatedCluster> hook) {
      this.afterEachEvent = requireNonNull(hook, "hook");
      return this;
    }

    /**
     * Sets how much virtual time the cluster has to settle once the faults stop.
     *
     * @throws IllegalArgumentException if the bound is not positive
     */
    public Builder settleBound(Duration bound) {
      requireNonNull(bound, "bound");
      if (bound.isNegative() || bound.isZero()) {
        throw new IllegalArgumentException("settleBound must be positive: " + bound);
      }
      this.settleBound = bound;
      return this;
    }

    /**
     * Sets how many replays shrinking may spend on one failure.
     *
     * @throws IllegalArgumentException if runs is negative
     */
    public Builder maxShrinkRuns(int runs) {
      if (runs < 0) {
        throw new IllegalArgumentException("maxShrinkRuns must not be negative: " + runs);
      }
      this.maxShrinkRuns = runs;
      return this;
    }

    /** Returns the driver. */
    public PropertyDriver build() {
      return new PropertyDriver(this);
    }
  }

  /**
   * Runs the configured number of random sequences and stops at the first that fails, shrinking it.
   * The report is the same for the same configuration, on every JVM.
   */
  public PropertyReport check() {
    // Tries are independent, so they run on every core; the report takes the lowest failing try,
    // which makes it the same whatever the number of cores or the order the tries finish in.
    Trial[] trials = new Trial[tries];
    AtomicInteger firstFailure = new AtomicInteger(tries);
    IntStream.range(0, tries)
        .parallel()
        .forEach(
            i -> {
              if (i > firstFailure.get()) {
                return;
              }
              Trial t = run(seed + i);
              trials[i] = t;
              if (!t.passed()) {
                firstFailure.accumulateAndGet(i, Math::min);
              }
            });
    int failed = firstFailure.get();
    long events = 0;
    for (int i = 0; i < Math.min(tries, failed + 1); i++) {
      events += trials[i].events().size();
    }
    if (failed == tries) {
      return new PropertyReport(seed, tries, events, null, null, 0);
    }
    Shrunk shrunk = shrink(trials[failed]);
    return new PropertyReport(seed, failed + 1, events, trials[failed], shrunk.trial, shrunk.runs);
  }

  /** Runs the random sequence of one seed. */
  public Trial run(long seed) {
    Source source = Source.of(seed);
    StatefulSet set = statefulSet(source);
    List<Event> events =
        Events.sequence(source, set, source.between(minEvents, maxEvents), maxReplicas);
    return run(seed, set, events);
  }

  /**
   * Runs a given sequence against the set of a seed: what a scenario script replays.
   *
   * @throws NullPointerException if events is null
   */
  public Trial replay(long seed, List<? extends Event> events) {
    return run(seed, statefulSet(Source.of(seed)), List.copyOf(events));
  }

  /**
   * Replays a scenario script {@link PropertyReport#script()} printed: the seed from its {@code #
   * seed:} header line, the events from its other lines.
   *
   * @throws IllegalArgumentException if the script has no seed line or a line is not an event
   */
  public Trial replay(String script) {
    Matcher m = SEED.matcher(script);
    if (!m.find()) {
      throw new IllegalArgumentException("script has no '# seed: <n>' line");
    }
    return replay(Long.parseLong(m.group(1)), Events.parseScript(script));
  }

  private Trial run(long seed, StatefulSet set, List<Event> events) {
    return new SequenceRunner(seed, set, invariant, afterEachEvent, settleBound).run(seed, events);
  }

  // -----------------------------------------------------------------------------------------------
  // The set

  /** The generated set with the overrides, and its claims mounted so that pods can write data. */
  StatefulSet statefulSet(Source source) {
    StatefulSet generated =
        Specs.statefulSet(source, Specs.Bounds.DEFAULT.withMaxReplicas(maxReplicas));
    ImmutableStatefulSetSpec.Builder spec = StatefulSetSpec.builder().from(generated.spec());
    if (policy != null) {
      spec.podManagementPolicy(policy);
    }
    if (retention != null) {
      spec.persistentVolumeClaimRetentionPolicy(retention);
    }
    spec.template(
        withClaimMounts(generated.spec().template(), generated.spec().volumeClaimTemplates()));
    return Defaults.apply(generated.withSpec(spec.build()));
  }

  /** Mounts each claim template at {@code /<name>} in every container. */
  private static PodTemplate withClaimMounts(
      PodTemplate template, List<VolumeClaimTemplate> claims) {
    if (claims.isEmpty()) {
      return template;
    }
    List<Object> mounts = new ArrayList<>();
    for (VolumeClaimTemplate t : claims) {
      mounts.add(Map.of("name", t.name(), "mountPath", "/" + t.name()));
    }
    Map<String, Object> spec = new LinkedHashMap<>(template.spec());
    List<Object> containers = new ArrayList<>();
    Object list = spec.get("containers");
    if (list instanceof List) {
      for (Object c : (List<?>) list) {
        if (c instanceof Map) {
          Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) c);
          copy.put("volumeMounts", mounts);
          containers.add(copy);
        } else {
          containers.add(c);
        }
      }
    }
    spec.put("containers", containers);
    Map<String, Object> content = new LinkedHashMap<>(template.content());
    content.put("spec", spec);
    return PodTemplate.of(content);
  }

  /** One line describing the set as a manifest would: what a reader of a script needs. */
  static String summary(StatefulSet set) {
    StatefulSetSpec s = set.spec();
    StringBuilder sb = new StringBuilder();
    sb.append(set.namespace()).append('/').append(set.name());
    sb.append(" replicas=").append(s.effectiveReplicas());
    sb.append(" podManagementPolicy=").append(s.effectivePodManagementPolicy().wireName());
    if (s.updateStrategy().isOnDelete()) {
      sb.append(" updateStrategy=OnDelete");
    } else {
      RollingUpdate ru = s.updateStrategy().rollingUpdate();
      sb.append(" updateStrategy=RollingUpdate");
      if (ru != null) {
        sb.append("(partition=")
            .append(ru.partition())
            .append(", maxUnavailable=")
            .append(ru.maxUnavailable())
            .append(')');
      }
    }
    ClaimRetentionPolicy p = s.effectiveRetentionPolicy();
    sb.append(" retention=")
        .append(p.effectiveWhenDeleted().wireName())
        .append('/')
        .append(p.effectiveWhenScaled().wireName());
    List<String> claims = new ArrayList<>();
    for (VolumeClaimTemplate t : s.volumeClaimTemplates()) {
      claims.add(t.name());
    }
    sb.append(" claims=").append(claims);
    sb.append(" ordinals.start=").append(s.startOrdinal());
    sb.append(" minReadySeconds=").append(s.minReadySeconds());
    sb.append(" template=").append(s.template().spec().get("containers"));
    return sb.toString();
  }

  // -----------------------------------------------------------------------------------------------
  // Shrinking

  private record Shrunk(Trial trial, int runs) {}

  /**
   * Delta debugging: drops chunks of the sequence, halving the chunk size down to single events,
   * keeping each removal after which the replay still fails with the same kind of failure, and cuts
   * off events after the failure. Deterministic, as every replay is.
   */
  private Shrunk shrink(Trial failing) {
    String kind = requireNonNull(failing.failure()).kind();
    Trial best = truncated(failing);
    int runs = 0;
    if (best != failing) {
      Trial t = run(best.seed(), best.set(), best.events());
      runs++;
      best = sameFailure(t, kind) ? truncated(t) : failing;
    }
    int chunk = Math.max(1, best.events().size() / 2);
    while (runs < maxShrinkRuns) {
      boolean removed = false;
      for (int start = 0; start < best.events().size() && runs < maxShrinkRuns; ) {
        List<Event> candidate = new ArrayList<>(best.events().subList(0, start));
        candidate.addAll(
            best.events()
                .subList(Math.min(best.events().size(), start + chunk), best.events().size()));
        Trial t = run(best.seed(), best.set(), candidate);
        runs++;
        if (sameFailure(t, kind)) {
          best = truncated(t);
          removed = true;
        } else {
          start += chunk;
        }
      }
      if (chunk == 1 && !removed) {
        break;
      }
      if (!removed) {
        chunk = Math.max(1, chunk / 2);
      }
    }
    return new Shrunk(best, runs);
  }

  private static boolean sameFailure(Trial t, String kind) {
    return t.failure() != null && t.failure().kind().equals(kind);
  }

  /** The trial with the events after its failure dropped; their replay is not rerun here. */
  private static Trial truncated(Trial t) {
    Failure f = requireNonNull(t.failure());
    if (f.converging() || f.afterEvent() >= t.events().size()) {
      return t;
    }
    return new Trial(t.seed(), t.set(), t.events().subList(0, f.afterEvent()), f);
  }
}
