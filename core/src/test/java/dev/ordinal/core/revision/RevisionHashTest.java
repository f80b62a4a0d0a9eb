package dev.ordinal.core.revision;

import static dev.ordinal.core.revision.UpstreamFixtures.DATA_1_33;
import static dev.ordinal.core.revision.UpstreamFixtures.DATA_1_34;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RevisionHashTest {

  @Test
  @Tag("R-REV-2")
  void hash_matchesUpstreamVector_1_33() {
    assertThat(RevisionHash.fnv1(DATA_1_33, 0)).isEqualTo(733928534L);
    assertThat(RevisionHash.hash(DATA_1_33, 0)).isEqualTo("c77f6d978");
    assertThat(RevisionHash.revisionName("test", "c77f6d978")).isEqualTo("test-c77f6d978");
  }

  @Test
  @Tag("R-REV-2")
  void hash_matchesUpstreamVector_1_34() {
    assertThat(RevisionHash.fnv1(DATA_1_34, 0)).isEqualTo(3325552446L);
    assertThat(RevisionHash.hash(DATA_1_34, 0)).isEqualTo("776999688b");
    assertThat(RevisionHash.revisionName("test", "776999688b")).isEqualTo("test-776999688b");
  }

  @Test
  @Tag("R-REV-1")
  void templateData_matchesUpstreamBytes_1_34() {
    String data = UpstreamFixtures.template134().revisionData();

    assertThat(data.getBytes(UTF_8)).isEqualTo(DATA_1_34.getBytes(UTF_8));
    assertThat(RevisionHash.revisionName("test", RevisionHash.hash(data, 0)))
        .isEqualTo("test-776999688b");
  }

  @Test
  @Tag("R-REV-1")
  void templateData_matchesUpstreamBytes_1_33_withNullCreationTimestamp() {
    String data = UpstreamFixtures.template133().revisionData();

    assertThat(data.getBytes(UTF_8)).isEqualTo(DATA_1_33.getBytes(UTF_8));
    assertThat(RevisionHash.revisionName("test", RevisionHash.hash(data, 0)))
        .isEqualTo("test-c77f6d978");
  }

  @Test
  @Tag("R-REV-2")
  void hash_isFnv1NotFnv1a_andAlwaysHashesTheProbe() {
    byte[] bytes = DATA_1_34.getBytes(UTF_8);

    assertThat(RevisionHash.fnv1(DATA_1_34, 0)).isEqualTo(fnv1(concat(bytes, "0")));
    assertThat(RevisionHash.fnv1(DATA_1_34, 0)).isNotEqualTo(fnv1a(concat(bytes, "0")));
    assertThat(RevisionHash.fnv1(DATA_1_34, 0)).isNotEqualTo(fnv1(bytes));
  }

  @Test
  @Tag("R-REV-5")
  void collisionCount_changesTheHash() {
    // Expected values computed independently from the same FNV-1 definition.
    assertThat(RevisionHash.hash(DATA_1_34, 1)).isEqualTo("776999688c");
    assertThat(RevisionHash.hash(DATA_1_33, 1)).isEqualTo("c77f6d979");
    assertThat(RevisionHash.hash(DATA_1_34, -1)).isEqualTo("c994754d4");
    assertThat(RevisionHash.hash(DATA_1_34, Integer.MAX_VALUE)).isEqualTo("975f68dd6");
    assertThat(RevisionHash.hash(DATA_1_34, Integer.MIN_VALUE)).isEqualTo("76d85cbf6d");
  }

  @Test
  @Tag("R-REV-5")
  void probe_isTheDecimalTextOfTheCount() {
    byte[] bytes = DATA_1_34.getBytes(UTF_8);
    for (int count :
        new int[] {0, 7, 10, 99, 100, 12345, -1, -10, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      assertThat(RevisionHash.fnv1(DATA_1_34, count))
          .as("count %d", count)
          .isEqualTo(fnv1(concat(bytes, Integer.toString(count))));
    }
  }

  @Test
  @Tag("R-REV-2")
  void hash_encodesUtf8OnTheFlyLikeTheJdk() {
    Random random = new Random(20240611L);
    char[] pool = {
      'a', '"', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff', '\ud83d', '\ude00', '\udbff',
      '\udfff', '\u0000', '\u007f'
    };
    for (int round = 0; round < 2_000; round++) {
      char[] chars = new char[random.nextInt(12)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = pool[random.nextInt(pool.length)];
      }
      String s = new String(chars);
      assertThat(RevisionHash.fnv1(s, 3))
          .as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
          .isEqualTo(fnv1(concat(s.getBytes(UTF_8), "3")));
    }
  }

  @Test
  @Tag("R-REV-2")
  void digits_mapThroughSafeEncodeAlphabet() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    Random random = new Random(7L);
    for (int round = 0; round < 1_000; round++) {
      String data = Long.toString(random.nextLong(), 36);
      String decimal = Long.toString(RevisionHash.fnv1(data, 0));
      StringBuilder expected = new StringBuilder();
      for (char c : decimal.toCharArray()) {
        expected.append(alphabet.charAt(c % alphabet.length()));
      }
      assertThat(RevisionHash.hash(data, 0)).isEqualTo(expected.toString());
    }
    assertThat(RevisionHash.hash("", 0)).matches("[456789bcdf]{1,10}");
  }

  @Test
  @Tag("R-REV-2")
  void shortSetNames_areKept() {
    assertThat(RevisionHash.revisionName("web", "5d4b7c")).isEqualTo("web-5d4b7c");
    String name223 = "a".repeat(223);
    assertThat(RevisionHash.revisionName(name223, "h")).isEqualTo(name223 + "-h");
  }

  @Test
  @Tag("R-REV-2")
  void longSetNames_areCutTo223Bytes() {
    assertThat(RevisionHash.revisionName("a".repeat(224), "h")).isEqualTo("a".repeat(223) + "-h");
    assertThat(RevisionHash.revisionName("b".repeat(400), "776999688b"))
        .isEqualTo("b".repeat(223) + "-776999688b")
        .hasSize(223 + 1 + 10);
  }

  @Test
  @Tag("R-REV-2")
  void cut_countsUtf8BytesAndKeepsWholeCharacters() {
    // 222 bytes + a two-byte char would be 224 bytes: the char is dropped, not split.
    assertThat(RevisionHash.revisionName("a".repeat(222) + "\u00e9" + "z", "h"))
        .isEqualTo("a".repeat(222) + "-h");
    // 221 + 2 = 223 fits.
    assertThat(RevisionHash.revisionName("a".repeat(221) + "\u00e9" + "z", "h"))
        .isEqualTo("a".repeat(221) + "\u00e9-h");
    // 80 three-byte chars are 240 bytes: 74 of them (222 bytes) fit.
    assertThat(RevisionHash.revisionName("\u20ac".repeat(80), "h"))
        .isEqualTo("\u20ac".repeat(74) + "-h");
    // A surrogate pair is four bytes and is never split.
    assertThat(RevisionHash.revisionName("a".repeat(220) + "\ud83d\ude00", "h"))
        .isEqualTo("a".repeat(220) + "-h");
  }

  @Test
  void nullArguments_areRejected() {
    assertThatNullPointerException().isThrownBy(() -> RevisionHash.hash(nullString(), 0));
    assertThatNullPointerException().isThrownBy(() -> RevisionHash.revisionName(nullString(), "h"));
    assertThatNullPointerException().isThrownBy(() -> RevisionHash.revisionName("s", nullString()));
  }

  /** Returns null typed as a String, to pass where the signature forbids it. */
  private static String nullString() {
    return null;
  }

  private static byte[] concat(byte[] a, String ascii) {
    byte[] b = ascii.getBytes(UTF_8);
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Textbook FNV-1/32 over bytes, independent of the implementation under test. */
  private static long fnv1(byte[] bytes) {
    long h = 2166136261L;
    for (byte b : bytes) {
      h = (h * 16777619L) & 0xffffffffL;
      h ^= b & 0xff;
    }
    return h;
  }

  private static long fnv1a(byte[] bytes) {
    long h = 2166136261L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h = (h * 16777619L) & 0xffffffffL;
    }
    return h;
  }
}
