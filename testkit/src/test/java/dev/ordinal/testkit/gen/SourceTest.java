package dev.ordinal.testkit.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceTest {

  @Test
  void sameSeed_sameDraws() {
    assertThat(draws(Source.of(42))).isEqualTo(draws(Source.of(42)));
    assertThat(draws(Source.of(42))).isNotEqualTo(draws(Source.of(43)));
  }

  @Test
  void between_isInclusiveOnBothEnds() {
    Source s = Source.of(1);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      int v = s.between(-2, 2);
      assertThat(v).isBetween(-2, 2);
      seen.add(v);
    }
    assertThat(seen).containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
    assertThat(s.between(Integer.MIN_VALUE, Integer.MAX_VALUE)).isNotNull();
    assertThat(s.between(7, 7)).isEqualTo(7);
  }

  @Test
  void chance_extremesAreCertain() {
    Source s = Source.of(3);
    for (int i = 0; i < 100; i++) {
      assertThat(s.chance(0)).isFalse();
      assertThat(s.chance(100)).isTrue();
    }
  }

  @Test
  void pick_acceptsNullsAndCoversAllValues() {
    Source s = Source.of(5);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(String.valueOf(s.pick("a", null, "c")));
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "null", "c");
  }

  @Test
  void from_drawsFromAJdkGenerator() {
    Source s = Source.from(new Random(9));
    for (int i = 0; i < 100; i++) {
      assertThat(s.below(3)).isBetween(0, 2);
    }
  }

  @Test
  void badArguments_areRejected() {
    Source s = Source.of(0);
    assertThatThrownBy(() -> s.between(2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max (1) must be at least min (2)");
    assertThatThrownBy(() -> s.below(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.pick(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(s).hasToString("Source.of(0L)");
  }

  private static List<Integer> draws(Source s) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      out.add(s.between(0, 1000));
    }
    return out;
  }
}
