package dev.ordinal.sim;

import java.util.List;
import java.util.StringJoiner;

/** The short forms kubectl prints for access modes. */
final class AccessModes {

  private AccessModes() {}

  static String shortForm(List<String> modes) {
    StringJoiner out = new StringJoiner(",");
    for (String m : modes) {
      switch (m) {
        case "ReadWriteOnce":
          out.add("RWO");
          break;
        case "ReadOnlyMany":
          out.add("ROX");
          break;
        case "ReadWriteMany":
          out.add("RWX");
          break;
        case "ReadWriteOncePod":
          out.add("RWOP");
          break;
        default:
          out.add(m);
      }
    }
    return out.toString();
  }
}
