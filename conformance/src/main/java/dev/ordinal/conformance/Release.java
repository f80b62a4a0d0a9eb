package dev.ordinal.conformance;

import dev.ordinal.core.ReconcilerOptions;
import java.util.Map;

/**
 * A Kubernetes release the oracle is built for, with the {@link ReconcilerOptions} that reproduce
 * its default feature gates. The gates are also sent with every request, so that the oracle runs
 * exactly the behaviour the options name even where a release's default is not what the options'
 * own documentation assumes.
 *
 * <p>From the releases' {@code pkg/features/kube_features.go}: {@code MaxUnavailableStatefulSet} is
 * off by default up to 1.36 (alpha until 1.34, beta off in 1.35 and 1.36) and on from 1.37; from
 * 1.37 {@code completeUpdate} also completes OnDelete rollouts. {@code PodIndexLabel} is GA and
 * locked on, {@code StatefulSetSemanticRevisionComparison} defaults to on in all four.
 */
public enum Release {
  V1_34("1.34", ReconcilerOptions.V1_34),
  V1_35("1.35", ReconcilerOptions.V1_35.withMaxUnavailableRollingUpdate(false)),
  V1_36(
      "1.36",
      ReconcilerOptions.V1_35
          .withMaxUnavailableRollingUpdate(false)
          .withDeleteNotFoundSucceeds(true)),
  V1_37(
      "1.37",
      ReconcilerOptions.V1_35
          .withMaxUnavailableRollingUpdate(true)
          .withDeleteNotFoundSucceeds(true)
          .withOnDeleteCompletesRollout(true));

  private final String version;
  private final ReconcilerOptions options;

  Release(String version, ReconcilerOptions options) {
    this.version = version;
    this.options = options;
  }

  /** The minor version, as {@code build.sh} takes it: {@code 1.37}. */
  public String version() {
    return version;
  }

  /** The options that reproduce the release's defaults. */
  public ReconcilerOptions options() {
    return options;
  }

  /** The feature gates sent with each request: those the options decide. */
  public Map<String, Boolean> featureGates() {
    return Map.of("MaxUnavailableStatefulSet", options.maxUnavailableRollingUpdate());
  }
}
