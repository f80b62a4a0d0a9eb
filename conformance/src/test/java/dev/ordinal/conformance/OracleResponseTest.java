package dev.ordinal.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OracleResponseTest {

  @Test
  void protocolsExample_isParsed() {
    String line =
        "{\"id\":\"case-17\",\"release\":\"1.37.2\",\"calls\":["
            + "{\"verb\":\"create\",\"resource\":\"pods\",\"namespace\":\"default\",\"name\":\"web-0\","
            + "\"object\":{\"metadata\":{\"name\":\"web-0\"}}},"
            + "{\"verb\":\"patch\",\"resource\":\"pods\",\"namespace\":\"default\",\"name\":\"web-3\","
            + "\"patchType\":\"application/strategic-merge-patch+json\",\"patch\":{\"metadata\":{}}},"
            + "{\"verb\":\"get\",\"resource\":\"statefulsets\",\"namespace\":\"default\",\"name\":\"web\"}],"
            + "\"events\":[{\"type\":\"Normal\",\"reason\":\"SuccessfulCreate\",\"message\":\"m\"}],"
            + "\"requeueAfterMillis\":10000,\"retry\":false,\"error\":null}";

    OracleResponse r = OracleResponse.parse(line);

    assertThat(r.id()).isEqualTo("case-17");
    assertThat(r.release()).isEqualTo("1.37.2");
    assertThat(r.writes())
        .extracting(OracleResponse.Call::describe)
        .containsExactly("create pods default/web-0", "patch pods default/web-3");
    assertThat(r.reads()).hasSize(1);
    assertThat(r.events())
        .containsExactly(new OracleResponse.Event("Normal", "SuccessfulCreate", "m"));
    assertThat(r.requeueAfterMillis()).isEqualTo(10000L);
    assertThat(r.retry()).isFalse();
    assertThat(r.invalid()).isNull();
  }

  @Test
  void aPatchSentAsAString_isDecoded() {
    OracleResponse r =
        OracleResponse.parse(
            "{\"id\":\"a\",\"calls\":[{\"verb\":\"patch\","
                + "\"resource\":\"pods\",\"name\":\"p\",\"patchType\":\"t\",\"patch\":\"{\\\"a\\\":1}\"}]}");

    assertThat(r.calls().get(0).patch()).containsEntry("a", 1L);
  }

  @Test
  void anInvalidAnswer_keepsItsReason() {
    OracleResponse r = OracleResponse.parse("{\"id\":\"a\",\"invalid\":\"set is required\"}");

    assertThat(r.invalid()).isEqualTo("set is required");
  }

  @Test
  void aBrokenLine_isAClearError() {
    assertThatThrownBy(() -> OracleResponse.parse("{\"id\":\"a\",\"calls\":[{\"verb\":1}]}"))
        .isInstanceOf(OracleException.class)
        .hasMessageStartingWith(
            "oracle response field calls[0].verb is required and must be a" + " string");
    assertThatThrownBy(() -> OracleResponse.parse("not json"))
        .isInstanceOf(OracleException.class)
        .hasMessageStartingWith("oracle response field $ not JSON");
  }
}
