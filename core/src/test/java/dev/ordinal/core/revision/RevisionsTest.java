package dev.ordinal.core.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.api.ControllerRevision;
import dev.ordinal.api.OwnerReference;
import dev.ordinal.api.PodTemplate;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RevisionsTest {

  private static final PodTemplate TEMPLATE = PodTemplate.of(Map.of("app", "web"), "c", "nginx");

  // --- sort (R-REV-6) ---

  @Test
  @Tag("R-REV-6")
  void sort_ordersByRevisionNumber() {
    ControllerRevision r3 = revision("a", 3, null);
    ControllerRevision r1 = revision("b", 1, null);
    ControllerRevision r2 = revision("c", 2, null);

    assertThat(Revisions.sort(List.of(r3, r1, r2))).containsExactly(r1, r2, r3);
  }

  @Test
  @Tag("R-REV-6")
  void revisionTies_areBrokenByCreationTimeThenName() {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    Instant t1 = t0.plusSeconds(1);
    ControllerRevision late = revision("a", 1, t1);
    ControllerRevision earlyZ = revision("z", 1, t0);
    ControllerRevision earlyB = revision("b", 1, t0);
    ControllerRevision next = revision("0", 2, t0);

    assertThat(Revisions.sort(List.of(next, late, earlyZ, earlyB)))
        .containsExactly(earlyB, earlyZ, late, next);
  }

  @Test
  @Tag("R-REV-6")
  void missingCreationTimestamp_sortsFirst_likeGoZeroTime() {
    ControllerRevision stamped = revision("a", 1, Instant.parse("1970-01-01T00:00:00Z"));
    ControllerRevision unstamped = revision("b", 1, null);

    assertThat(Revisions.sort(List.of(stamped, unstamped))).containsExactly(unstamped, stamped);
  }

  @Test
  @Tag("R-REV-6")
  void names_compareInByteOrder() {
    // UTF-16 order would put U+FF21 after U+1F600; UTF-8 byte order puts it before.
    ControllerRevision fullwidth = revision("\uff21", 1, null);
    ControllerRevision emoji = revision("\ud83d\ude00", 1, null);
    ControllerRevision ascii = revision("b", 1, null);

    assertThat(Revisions.sort(List.of(emoji, fullwidth, ascii)))
        .containsExactly(ascii, fullwidth, emoji);
  }

  @Test
  @Tag("R-REV-6")
  void sort_returnsANewListAndLeavesTheInputAlone() {
    List<ControllerRevision> input =
        new ArrayList<>(List.of(revision("b", 2, null), revision("a", 1, null)));
    List<ControllerRevision> copy = List.copyOf(input);

    List<ControllerRevision> sorted = Revisions.sort(input);

    assertThat(input).isEqualTo(copy);
    assertThat(sorted).isNotSameAs(input);
    assertThatThrownBy(() -> sorted.add(revision("c", 3, null)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Revisions.sort(List.of())).isEmpty();
  }

  // --- equality (R-REV-4) ---

  @Test
  @Tag("R-REV-4")
  void equalData_withLetterHashLabels_isEqualEvenIfLabelsDiffer() {
    ControllerRevision a = withHashAndData("a", "776999688b", "{\"x\":1}");
    ControllerRevision b = withHashAndData("b", "776999688c", "{\"x\":1}");

    assertThat(Revisions.equalRevision(a, b)).isTrue();
  }

  @Test
  @Tag("R-REV-4")
  void differentData_isNotEqual() {
    ControllerRevision a = withHashAndData("a", "h", "{\"x\":1}");
    ControllerRevision b = withHashAndData("b", "h", "{\"x\":2}");

    assertThat(Revisions.equalRevision(a, b)).isFalse();
  }

  @Test
  @Tag("R-REV-4")
  void integerHashLabelsThatDiffer_areNotEqualEvenWithEqualData() {
    // Hashes whose decimal digits are all 0..5 encode to digits only, e.g. "4455667".
    ControllerRevision a = withHashAndData("a", "4455667", "{\"x\":1}");
    ControllerRevision b = withHashAndData("b", "4455668", "{\"x\":1}");

    assertThat(Revisions.equalRevision(a, b)).isFalse();
  }

  @Test
  @Tag("R-REV-4")
  void integerHashLabelsThatAgree_fallBackToData() {
    ControllerRevision a = withHashAndData("a", "0042", "{\"x\":1}");
    ControllerRevision b = withHashAndData("b", "+42", "{\"x\":1}");
    ControllerRevision c = withHashAndData("c", "42", "{\"x\":2}");

    assertThat(Revisions.equalRevision(a, b)).isTrue();
    assertThat(Revisions.equalRevision(a, c)).isFalse();
  }

  @Test
  @Tag("R-REV-4")
  void onlyOneIntegerLabel_orMissingLabel_dataDecides() {
    ControllerRevision numeric = withHashAndData("a", "42", "{}");
    ControllerRevision letters = withHashAndData("b", "c77f6d978", "{}");
    ControllerRevision unlabelled = withHashAndData("c", null, "{}");

    assertThat(Revisions.equalRevision(numeric, letters)).isTrue();
    assertThat(Revisions.equalRevision(numeric, unlabelled)).isTrue();
    assertThat(Revisions.equalRevision(unlabelled, unlabelled)).isTrue();
  }

  @Test
  @Tag("R-REV-4")
  void outOfRangeIntegerLabels_areIgnored() {
    // 2147483648 does not fit int32, so ParseInt(s, 10, 32) fails and the labels are not used.
    ControllerRevision a = withHashAndData("a", "2147483648", "{}");
    ControllerRevision b = withHashAndData("b", "2147483647", "{}");

    assertThat(Revisions.equalRevision(a, b)).isTrue();
  }

  @Test
  @Tag("R-REV-4")
  void nulls_areEqualOnlyToNull() {
    ControllerRevision a = revision("a", 1, null);

    assertThat(Revisions.equalRevision(null, null)).isTrue();
    assertThat(Revisions.equalRevision(a, null)).isFalse();
    assertThat(Revisions.equalRevision(null, a)).isFalse();
  }

  @Test
  @Tag("R-REV-4")
  void hashLabel_parsesLikeGoParseIntBase10Bits32() {
    assertThat(Revisions.parseInt32("0")).isEqualTo(0);
    assertThat(Revisions.parseInt32("-0")).isEqualTo(0);
    assertThat(Revisions.parseInt32("+17")).isEqualTo(17);
    assertThat(Revisions.parseInt32("007")).isEqualTo(7);
    assertThat(Revisions.parseInt32("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(Revisions.parseInt32("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    long notAnInt = Revisions.parseInt32(null);
    for (String bad :
        new String[] {
          "",
          "+",
          "-",
          "2147483648",
          "-2147483649",
          "99999999999999999999",
          "1_000",
          " 1",
          "1 ",
          "0x1f",
          "\u0663",
          "c77f6d978",
          "1e3"
        }) {
      assertThat(Revisions.parseInt32(bad)).as("%s", bad).isEqualTo(notAnInt);
    }
    assertThat(notAnInt).isLessThan(Integer.MIN_VALUE);
  }

  @Test
  @Tag("R-REV-4")
  void findEqualRevisions_keepsInputOrder() {
    ControllerRevision x1 = withHashAndData("x1", "h1", "x");
    ControllerRevision y = withHashAndData("y", "h2", "y");
    ControllerRevision x2 = withHashAndData("x2", "h3", "x");
    ControllerRevision needle = withHashAndData("n", "h4", "x");

    assertThat(Revisions.findEqualRevisions(List.of(x2, y, x1), needle)).containsExactly(x2, x1);
    assertThat(Revisions.findEqualRevisions(List.of(y), needle)).isEmpty();
  }

  // --- numbering (R-REV-3) ---

  @Test
  @Tag("R-REV-3")
  void nextRevision_isOneForAnEmptyHistory() {
    assertThat(Revisions.nextRevision(List.of())).isEqualTo(1);
  }

  @Test
  @Tag("R-REV-3")
  void nextRevision_isLastPlusOne() {
    List<ControllerRevision> sorted =
        Revisions.sort(List.of(revision("a", 7, null), revision("b", 2, null)));

    assertThat(Revisions.nextRevision(sorted)).isEqualTo(8);
  }

  @Test
  @Tag("R-REV-3")
  void nextRevision_trustsTheOrder_likeUpstream() {
    List<ControllerRevision> unsorted = List.of(revision("a", 7, null), revision("b", 2, null));

    assertThat(Revisions.nextRevision(unsorted)).isEqualTo(3);
  }

  // --- construction (R-REV-1, R-REV-3) ---

  @Test
  @Tag("R-REV-3")
  void newRevision_matchesUpstreamFixture_1_34() {
    StatefulSet set = UpstreamFixtures.set134();

    ControllerRevision revision = Revisions.newRevision(set, 2, 0);

    assertThat(revision.name()).isEqualTo("test-776999688b");
    assertThat(revision.namespace()).isEqualTo("default");
    assertThat(revision.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("app", "foo", ControllerRevision.HASH_LABEL, "776999688b"));
    assertThat(revision.annotations()).isEmpty();
    assertThat(revision.ownerReferences())
        .containsExactly(
            new OwnerReference(
                "apps/v1",
                "StatefulSet",
                "test",
                "ec335e25-1045-4216-8634-50cfbe05f3d6",
                true,
                true));
    assertThat(revision.revision()).isEqualTo(2);
    assertThat(revision.data()).isEqualTo(UpstreamFixtures.DATA_1_34);
    assertThat(revision.template()).isEqualTo(set.spec().template());
    assertThat(revision.uid()).isEmpty();
    assertThat(revision.creationTimestamp()).isNull();
  }

  @Test
  @Tag("R-REV-3")
  void annotations_comeFromTheSet_notTheTemplate() {
    StatefulSet set =
        UpstreamFixtures.set134()
            .withAnnotations(Map.of("team", "db", "deployment.kubernetes.io/note", "x"))
            .withNamespace("prod");

    ControllerRevision revision = Revisions.newRevision(set, 1, 0);

    assertThat(revision.annotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("team", "db", "deployment.kubernetes.io/note", "x"));
    assertThat(revision.annotations()).doesNotContainKey("test");
    assertThat(revision.namespace()).isEqualTo("prod");
  }

  @Test
  @Tag("R-REV-3")
  void hashLabel_overridesATemplateLabelOfTheSameKey() {
    PodTemplate template =
        PodTemplate.of(Map.of("app", "web", ControllerRevision.HASH_LABEL, "forged"), "c", "i");
    StatefulSet set = set("web", template, 3);

    ControllerRevision revision = Revisions.newRevision(set, 1, 0);

    String hash = RevisionHash.hash(template.revisionData(), 0);
    assertThat(revision.labels()).containsEntry(ControllerRevision.HASH_LABEL, hash);
    assertThat(revision.name()).isEqualTo("web-" + hash);
  }

  @Test
  @Tag("R-REV-5")
  void collisionCount_renamesTheRevision() {
    ControllerRevision revision = Revisions.newRevision(UpstreamFixtures.set134(), 1, 1);

    assertThat(revision.name()).isEqualTo("test-776999688c");
    assertThat(revision.labels()).containsEntry(ControllerRevision.HASH_LABEL, "776999688c");
    assertThat(revision.data()).isEqualTo(UpstreamFixtures.DATA_1_34);
  }

  @Test
  @Tag("R-REV-1")
  void onlyTheTemplate_isRecorded() {
    ControllerRevision three = Revisions.newRevision(set("web", TEMPLATE, 3), 1, 0);
    ControllerRevision five = Revisions.newRevision(set("web", TEMPLATE, 5), 2, 0);
    ControllerRevision other =
        Revisions.newRevision(
            set("web", PodTemplate.of(Map.of("app", "web"), "c", "nginx:2"), 3), 3, 0);

    assertThat(five.name()).isEqualTo(three.name());
    assertThat(Revisions.equalRevision(three, five)).isTrue();
    assertThat(Revisions.equalRevision(three, other)).isFalse();
    assertThat(Revisions.findEqualRevisions(List.of(three, other), five)).containsExactly(three);
  }

  private static StatefulSet set(String name, PodTemplate template, int replicas) {
    return StatefulSet.builder()
        .name(name)
        .namespace("default")
        .uid("uid-" + name)
        .spec(StatefulSetSpec.builder().replicas(replicas).template(template).build())
        .build();
  }

  private static ControllerRevision revision(String name, long number, @Nullable Instant created) {
    return ControllerRevision.builder()
        .name(name)
        .revision(number)
        .creationTimestamp(created)
        .data("{}")
        .template(TEMPLATE)
        .build();
  }

  private static ControllerRevision withHashAndData(
      String name, @Nullable String hash, String data) {
    var builder = ControllerRevision.builder().name(name).revision(1).data(data).template(TEMPLATE);
    if (hash != null) {
      builder.putLabel(ControllerRevision.HASH_LABEL, hash);
    }
    return builder.build();
  }
}
