package dev.ordinal.sim;

/** The kinds of object the simulated apiserver stores, with the names kubectl uses. */
enum ObjectKind {
  STATEFUL_SET("statefulset", "statefulsets.apps"),
  SERVICE("service", "services"),
  REVISION("controllerrevision", "controllerrevisions.apps"),
  CLAIM("pvc", "persistentvolumeclaims"),
  VOLUME("pv", "persistentvolumes"),
  POD("pod", "pods");

  private final String shortName;
  private final String resource;

  ObjectKind(String shortName, String resource) {
    this.shortName = shortName;
    this.resource = resource;
  }

  /** The name in {@code kind/name} references, for example {@code pod}. */
  String shortName() {
    return shortName;
  }

  /** The resource in apiserver messages, for example {@code pods}. */
  String resource() {
    return resource;
  }
}
