package dev.ordinal.cli;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.Observation;
import dev.ordinal.api.ObservedClaim;
import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetCondition;
import dev.ordinal.api.plan.ReconcilePlan;
import dev.ordinal.core.ReconcilerOptions;
import dev.ordinal.core.StatefulSetReconciler;
import dev.ordinal.core.validation.Defaults;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ordinal plan}: one sync of the controller on real manifests. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Plans one sync of the StatefulSet controller on real manifests.",
      "",
      "Prints the actions of the sync in upstream's order, the status it would write, why it"
          + " stops, and when it would look again.",
      "",
      "The StatefulSet is defaulted as the apiserver defaults it. Each FILE is YAML or JSON: one"
          + " object, several documents separated by ---, or a List as kubectl get -o yaml"
          + " prints it. The options that take FILE may be repeated."
    },
    footerHeading = "%nTime:%n",
    footer = {
      "Without --now, the sync happens at the latest time found in the inputs (creation times,"
          + " Ready transitions, condition transitions; not deletion times, which lie in the"
          + " future), so that the same files always give the same plan; with no time in the"
          + " inputs, at the current time in whole seconds.",
      "",
      "Exit codes: 0 planned, 2 bad usage or bad input, 3 a bug."
    })
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin Debug debug;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The StatefulSet to plan when the input holds several.")
  @Nullable String name;

  @Option(
      names = "--strict",
      description =
          "Refuse to plan on partial input (exit 2) instead of warning about it on stderr.")
  boolean strict;

  /** Where the StatefulSet comes from: a whole dump, or the file of the set alone. */
  static final class Source {
    @Option(
        names = {"-f", "--filename"},
        paramLabel = "FILE",
        description =
            "What kubectl get sts,pods,pvc,controllerrevisions -o yaml (or -o json) prints: any"
                + " mix of those kinds (others, such as Services, are ignored); - reads standard"
                + " input. May be repeated.")
    List<String> filenames = new ArrayList<>();

    @Option(
        names = "--statefulset",
        paramLabel = "FILE",
        description = "The StatefulSet (other kinds in the file, such as its Service, are ignored).")
    @Nullable Path statefulSet;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source = new Source();

  @Option(
      names = "--pods",
      paramLabel = "FILE",
      description = "Pods, such as kubectl get pods -o yaml prints them.")
  List<Path> pods = new ArrayList<>();

  @Option(
      names = "--claims",
      paramLabel = "FILE",
      description = "PersistentVolumeClaims, such as kubectl get pvc -o yaml prints them.")
  List<Path> claims = new ArrayList<>();

  @Option(
      names = "--revisions",
      paramLabel = "FILE",
      description = "ControllerRevisions, such as kubectl get controllerrevisions -o yaml prints.")
  List<Path> revisions = new ArrayList<>();

  @Option(
      names = "--now",
      paramLabel = "RFC3339",
      converter = Options.Rfc3339Converter.class,
      description = "The time of the sync, such as 2025-01-02T03:04:05Z (see Time below).")
  @Nullable Instant now;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "text|json",
      defaultValue = "text",
      converter = Options.OutputFormatConverter.class,
      description =
          "text for people; json for programs, in the versioned schema of"
              + " docs/plan-json-schema.md. Default: ${DEFAULT-VALUE}.")
  Options.OutputFormat output = Options.OutputFormat.TEXT;

  @Option(
      names = "--kubernetes",
      paramLabel = "1.35|1.34",
      defaultValue = "1.35",
      converter = Options.KubernetesVersionConverter.class,
      description =
          "The release to reproduce: 1.34 has no maxUnavailable (one pod at a time) and its"
              + " updates ignore minReadySeconds. Default: ${DEFAULT-VALUE}.")
  Options.KubernetesVersion kubernetes = Options.KubernetesVersion.V1_35;

  @Option(
      names = "--on-delete-completes-rollout",
      description =
          "With OnDelete, advance currentRevision once every pod is updated (upstream PR"
              + " #136833, after 1.36).")
  boolean onDeleteCompletesRollout;

  @Override
  public Integer call() {
    Inputs inputs = new Inputs();
    List<String> filenames = source.filenames;
    Dump dump = Dump.read(inputs, filenames);
    StatefulSet set =
        source.statefulSet != null
            ? Defaults.apply(inputs.statefulSetIgnoringUnknownFields(source.statefulSet))
            : Defaults.apply(dump.statefulSet(name, inputs::statefulSetIgnoringUnknownFields));
    List<ObservedPod> observedPods = new ArrayList<>(dump.pods(set));
    observedPods.addAll(inputs.pods(pods));
    List<ObservedClaim> observedClaims = new ArrayList<>(dump.claims(set));
    observedClaims.addAll(inputs.claims(claims));
    List<ControllerRevision> observedRevisions = new ArrayList<>(dump.revisions(set));
    observedRevisions.addAll(inputs.revisions(revisions));
    Instant time =
        now != null
            ? now
            : latestTime(set, observedPods, observedRevisions)
                .orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
    List<String> gaps = PartialInput.gaps(set, observedPods, observedRevisions, now, time);
    if (strict && !gaps.isEmpty()) {
      throw new InputException(
          "partial input (--strict): " + gaps.get(0) + (gaps.size() > 1 ? " (and more)" : ""));
    }
    ReconcilerOptions options =
        kubernetes.options().withOnDeleteCompletesRollout(onDeleteCompletesRollout);
    ReconcilePlan plan =
        new StatefulSetReconciler(options)
            .plan(
                Observation.builder()
                    .set(set)
                    .pods(observedPods)
                    .claims(observedClaims)
                    .revisions(observedRevisions)
                    .now(time)
                    .build());
    // Warned of once the plan is made, so that bad input still ends in its one error line.
    // Ignored fields are not partial input (--strict lets them pass): they are not modelled.
    for (String warning : inputs.warnings()) {
      spec.commandLine().getErr().println("warning: " + warning);
    }
    for (String gap : gaps) {
      spec.commandLine().getErr().println("warning: " + gap);
    }
    PlanReport report = new PlanReport(set, time, kubernetes, onDeleteCompletesRollout, plan);
    String text =
        output == Options.OutputFormat.JSON ? PlanJson.write(report) : PlanText.write(report);
    spec.commandLine().getOut().print(text);
    return Exit.OK;
  }

  /**
   * Returns the latest time recorded in the inputs: creation times of the set, its pods and
   * revisions, the pods' Ready transitions and the set's condition transitions. Deletion times are
   * left out: the apiserver sets them to the end of the grace period, in the future. Claims record
   * no time but their deletion.
   */
  static Optional<Instant> latestTime(
      StatefulSet set, List<ObservedPod> pods, List<ControllerRevision> revisions) {
    List<@Nullable Instant> times = new ArrayList<>();
    times.add(set.creationTimestamp());
    for (StatefulSetCondition c : set.status().conditions()) {
      times.add(c.lastTransitionTime());
    }
    for (ObservedPod p : pods) {
      times.add(p.creationTimestamp());
      times.add(p.readyTransitionTime());
    }
    for (ControllerRevision r : revisions) {
      times.add(r.creationTimestamp());
    }
    return times.stream()
        .flatMap(t -> t == null ? Stream.empty() : Stream.of(t))
        .max(Instant::compareTo);
  }
}
