package dev.ordinal.testkit.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.ordinal.api.RetentionPolicyType;
import dev.ordinal.api.StatefulSet;
import dev.ordinal.api.StatefulSetSpec;
import dev.ordinal.api.UpdateStrategy;
import dev.ordinal.api.port.Outcome;
import dev.ordinal.core.validation.InvalidStatefulSetException;
import dev.ordinal.core.validation.SpecValidator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTest {

  private static final StatefulSet WEB =
      new Event.Scale("web", 2)
          .applyTo(Specs.statefulSet(Source.of(0)).withName("web"));

  @Test
  void events_printAsScriptLines() {
    assertThat(new Event.Scale("web", 3)).hasToString("kubectl scale sts web --replicas=3");
    assertThat(new Event.SetImage("web", "app", "nginx:1.1"))
        .hasToString("kubectl set image sts/web app=nginx:1.1");
    assertThat(new Event.SetPartition("web", 2))
        .hasToString(
            "kubectl patch sts web -p"
                + " '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":2}}}}'");
    assertThat(
            new Event.SetRetention("web", RetentionPolicyType.RETAIN, RetentionPolicyType.DELETE))
        .hasToString(
            "kubectl patch sts web -p '{\"spec\":{\"persistentVolumeClaimRetentionPolicy\":"
                + "{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Delete\"}}}'");
    assertThat(new Event.Advance("web-1")).hasToString("sim advance web-1");
    assertThat(new Event.Fail("web-1")).hasToString("sim fail web-1");
    assertThat(new Event.ReadinessDrop("web-1")).hasToString("sim unready web-1");
    assertThat(new Event.ReadinessReturn("web-1")).hasToString("sim ready web-1");
    assertThat(new Event.TerminationComplete("web-1")).hasToString("sim terminated web-1");
    assertThat(new Event.ApiError(Outcome.Kind.ALREADY_EXISTS))
        .hasToString("sim fault next-call already-exists");
    assertThat(new Event.StaleRead()).hasToString("sim fault stale-read");
    assertThat(new Event.ControllerCrash()).hasToString("sim crash controller");
    assertThat(new Event.Sync("web")).hasToString("sim sync web");
    assertThat(Event.CollectGarbage.all()).hasToString("sim gc");
    assertThat(new Event.CollectGarbage("data-web-1")).hasToString("sim gc data-web-1");
    assertThat(new Event.Sleep(Duration.ofSeconds(5))).hasToString("sleep 5s");
    assertThat(new Event.Sleep(Duration.ofMillis(250))).hasToString("sleep 250ms");
  }

  @Test
  void generatedSequences_roundTripThroughTheirScript() {
    qt().withExamples(SpecsTest.EXAMPLES)
        .forAll(Gens.events(WEB, 30))
        .checkAssert(
            events -> assertThat(Events.parseScript(Events.script(events))).isEqualTo(events));
  }

  @Test
  void generatedSequences_onlyHoldSpecChangesTheApiserverAccepts() {
    for (long seed = 0; seed < 300; seed++) {
      Source s = Source.of(seed);
      StatefulSet set = Specs.statefulSet(s);
      StatefulSet current = set;
      for (Event e : Events.sequence(s, set, 40)) {
        if (e instanceof Event.SpecChange) {
          current = ((Event.SpecChange) e).applyTo(current);
          assertThat(SpecValidator.validate(current)).isEmpty();
        }
      }
    }
  }

  @Test
  void parseScript_skipsCommentsAndNamesBadLines() {
    assertThat(Events.parseScript("# scale up\n\nkubectl scale sts web --replicas=3\nsleep 2m\n"))
        .containsExactly(new Event.Scale("web", 3), new Event.Sleep(Duration.ofMinutes(2)));
    assertThatThrownBy(() -> Events.parseScript("sim sync web\nkubectl rollout undo sts/web"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 2: not an event: kubectl rollout undo sts/web");
  }

  @Test
  void scale_bumpsGenerationOnlyWhenTheSpecChanges() {
    StatefulSet scaled = new Event.Scale("web", 4).applyTo(WEB);
    assertThat(scaled.spec().replicas()).isEqualTo(4);
    assertThat(scaled.generation()).isEqualTo(WEB.generation() + 1);
    assertThat(new Event.Scale("web", 2).applyTo(WEB)).isSameAs(WEB);
  }

  @Test
  void setImage_changesTheTemplate() {
    StatefulSet updated = new Event.SetImage("web", Specs.CONTAINER, "busybox:1").applyTo(WEB);
    assertThat(updated.spec().template().revisionData()).contains("busybox:1");
  }

  @Test
  void setPartition_isRejectedForOnDelete() {
    StatefulSet onDelete =
        WEB
            .withSpec(
                dev.ordinal.api.StatefulSetSpec.builder()
                    .from(WEB.spec())
                    .updateStrategy(UpdateStrategy.ON_DELETE)
                    .build());
    assertThatThrownBy(() -> new Event.SetPartition("web", 1).applyTo(onDelete))
        .isInstanceOf(InvalidStatefulSetException.class)
        .hasMessageContaining("only allowed for updateStrategy 'RollingUpdate'");
  }

  @Test
  void specChanges_checkTheSetName() {
    assertThatThrownBy(() -> new Event.Scale("db", 1).applyTo(WEB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event for set db applied to set web");
  }

  @Test
  void invalidEvents_areRejected() {
    assertThatThrownBy(() -> new Event.Scale("web", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Event.ApiError(Outcome.Kind.OK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Event.Sleep(Duration.ofNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Events.parse("sim dance web-1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(Events.parse("sim gc"), Events.parse("sim crash controller")))
        .containsExactly(Event.CollectGarbage.all(), new Event.ControllerCrash());
  }
}
