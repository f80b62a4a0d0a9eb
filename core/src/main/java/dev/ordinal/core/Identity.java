package dev.ordinal.core;

import dev.ordinal.api.ObservedPod;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.VolumeClaimTemplate;
import java.util.List;

/**
 * The identity and storage checks of a pod against its set (R-ID-2, R-PVC-5), written so that a
 * pod that matches is confirmed without building a single string.
 */
final class Identity {

  private Identity() {}

  /**
   * Returns true if the pod has its set's identity (R-ID-2): a parsable ordinal, the set as
   * parent, the name written as {@code <set>-<ordinal>}, the set's namespace, and the pod-name
   * label. Hostname, subdomain and the pod-index label are not checked, as upstream does not.
   */
  static boolean identityMatches(StatefulSet set, ObservedPod pod) {
    return pod.ordinal() >= 0
        && pod.hasCanonicalName()
        && pod.parentName().equals(set.name())
        && pod.namespace().equals(set.namespace())
        && pod.hasPodNameLabel();
  }

  /**
   * Returns true if, for every claim template, the pod has a volume of the template's name that
   * claims {@code <template>-<set>-<ordinal>} (R-PVC-5).
   */
  static boolean storageMatches(StatefulSet set, ObservedPod pod) {
    int ordinal = pod.ordinal();
    if (ordinal < 0) {
      return false;
    }
    List<VolumeClaimTemplate> templates = set.spec().volumeClaimTemplates();
    for (int i = 0; i < templates.size(); i++) {
      VolumeClaimTemplate t = templates.get(i);
      String claim = pod.claimVolumes().get(t.name());
      if (claim == null || !isClaimName(claim, t.name(), set.name(), ordinal)) {
        return false;
      }
    }
    return true;
  }

  /** Returns true if {@code s} equals {@code <template>-<set>-<ordinal>}, without building it. */
  static boolean isClaimName(String s, String template, String set, int ordinal) {
    int digits = digits(ordinal);
    int length = template.length() + 1 + set.length() + 1 + digits;
    if (s.length() != length
        || !s.startsWith(template)
        || s.charAt(template.length()) != '-'
        || !s.startsWith(set, template.length() + 1)
        || s.charAt(template.length() + 1 + set.length()) != '-') {
      return false;
    }
    int v = ordinal;
    for (int i = length - 1; i >= length - digits; i--) {
      if (s.charAt(i) != (char) ('0' + v % 10)) {
        return false;
      }
      v /= 10;
    }
    return true;
  }

  private static int digits(int nonNegative) {
    int d = 1;
    for (int v = nonNegative; v >= 10; v /= 10) {
      d++;
    }
    return d;
  }
}
