package dev.ordinal.scenario;

import java.util.List;
import java.util.Locale;

/** The kinds of object the runner knows, by every name kubectl accepts for them. */
enum ResourceKind {
  POD("pod", "pods", "pods", "pod", "po"),
  CLAIM(
      "persistentvolumeclaim",
      "persistentvolumeclaims",
      "persistentvolumeclaims",
      "persistentvolumeclaim",
      "pvc"),
  SET(
      "statefulset.apps",
      "statefulsets.apps",
      "statefulsets",
      "statefulset",
      "sts",
      "statefulset.apps"),
  SERVICE("service", "services", "services", "service", "svc");

  /** The prefix of {@code -o name} output: {@code statefulset.apps/web}. */
  final String qualified;

  /**
   * The resource as the apiserver names it in a NotFound error: plural, and with its API group
   * unless it is in the core group ({@code statefulsets.apps "web" not found}).
   */
  final String resource;

  private final List<String> names;

  ResourceKind(String qualified, String resource, String... names) {
    this.qualified = qualified;
    this.resource = resource;
    this.names = List.of(names);
  }

  /**
   * Returns the kind kubectl means by {@code name}, in any case.
   *
   * @throws BadLineException for a kind the simulation does not have
   */
  static ResourceKind of(String name) {
    for (ResourceKind k : values()) {
      if (k.names.contains(name.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new BadLineException("unknown resource type: " + name);
  }

  /** Returns kubectl's error for a named object of this kind that does not exist. */
  KubectlException notFound(String name) {
    return new KubectlException(
        "Error from server (NotFound): " + resource + " \"" + name + "\" not found");
  }
}
