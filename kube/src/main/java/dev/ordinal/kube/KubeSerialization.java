package dev.ordinal.kube;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The one fabric8 serialization this module decodes and encodes with.
 *
 * <p>It is {@code new KubernetesSerialization()}'s configuration (Jackson 2 compatible defaults and
 * fabric8's JDK types module) with Jackson's scalar coercions turned off where Go's decoder has
 * none: the apiserver rejects a label value {@code 1} ("cannot unmarshal number into Go struct
 * field ... of type string"), {@code stdin: "true"} and {@code terminationGracePeriodSeconds:
 * "30"}, so reading them must fail here too instead of silently turning them into what the user may
 * not have meant. fabric8 decodes {@code int32} fields with its own deserializer, registered after
 * this configuration and so out of its reach, which still accepts a quoted integer such as {@code
 * containerPort: "80"}; {@link KubeMapping} checks the StatefulSet integers it reads itself.
 */
final class KubeSerialization {

  private KubeSerialization() {}

  /** The shared instance; KubernetesSerialization is thread-safe once built. */
  static final KubernetesSerialization INSTANCE =
      new KubernetesSerialization(
          JsonMapper.builderWithJackson2Defaults()
              .addModule(new Jackson2JdkTypesModule())
              .withCoercionConfig(
                  LogicalType.Textual,
                  c ->
                      c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
              .withCoercionConfig(
                  LogicalType.Boolean,
                  c ->
                      c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
              .withCoercionConfig(
                  LogicalType.Integer,
                  c ->
                      c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
              .build(),
          true);
}
