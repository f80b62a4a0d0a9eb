package dev.ordinal.api.plan;

import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.StatefulSetStatus;
import java.util.ArrayList;
import java.util.List;

/** The one-line words the actions and plans print as: logs and test failures stay readable. */
final class Words {

  private Words() {}

  /** Returns {@code Kind name, Kind name}, or {@code none}. */
  static String owners(List<OwnerReference> refs) {
    if (refs.isEmpty()) {
      return "none";
    }
    List<String> out = new ArrayList<>();
    for (OwnerReference r : refs) {
      out.add(r.kind() + " " + r.name());
    }
    return String.join(", ", out);
  }

  /** Returns the words for why a pod is deleted. */
  static String reason(DeleteReason reason) {
    switch (reason) {
      case FINISHED:
        return "failed or succeeded";
      case SCALE_DOWN:
        return "scale down";
      case UPDATE:
        return "update";
      default:
        throw new AssertionError("bug: unknown delete reason " + reason);
    }
  }

  /** Returns the status as {@code name=value} pairs: {@link StatefulSetStatus#summary()}. */
  static String status(StatefulSetStatus s) {
    return s.summary();
  }
}
