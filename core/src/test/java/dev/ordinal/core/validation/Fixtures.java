package dev.ordinal.core.validation;

import dev.ordinal.api.LabelSelector;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Test data: a valid set named "web" selecting app=web, and ways to break it. */
final class Fixtures {

  static final Map<String, String> LABELS = Map.of("app", "web");

  private Fixtures() {}

  /** Returns an undefaulted spec with a matching selector and template and no other field set. */
  static StatefulSetSpec bareSpec() {
    return StatefulSetSpec.builder()
        .selector(LabelSelector.of(LABELS))
        .serviceName("web")
        .template(PodTemplate.of(LABELS, "nginx", "nginx:1.27"))
        .build();
  }

  /** Returns a set named "web" with this spec, undefaulted. */
  static StatefulSet set(StatefulSetSpec spec) {
    return StatefulSet.builder().name("web").namespace("default").spec(spec).build();
  }

  /** Returns a valid, defaulted set. */
  static StatefulSet valid() {
    return Defaults.apply(set(bareSpec()));
  }

  /** Returns the valid, defaulted set with its spec changed. */
  static StatefulSet validWith(UnaryOperator<StatefulSetSpec> change) {
    StatefulSet valid = valid();
    return valid
        .withSpec(change.apply(valid.spec()));
  }

  /** Returns a pod template with these labels and this pod spec. */
  static PodTemplate template(Map<String, String> labels, Map<String, Object> podSpec) {
    return PodTemplate.of(Map.of("metadata", Map.of("labels", labels), "spec", podSpec));
  }

  /** Returns the messages as the apiserver prints them. */
  static List<String> messages(List<Violation> violations) {
    return violations.stream().map(Violation::toString).toList();
  }

  /** Returns the messages of validating the set. */
  static List<String> errors(StatefulSet set) {
    return messages(SpecValidator.validate(set));
  }
}
