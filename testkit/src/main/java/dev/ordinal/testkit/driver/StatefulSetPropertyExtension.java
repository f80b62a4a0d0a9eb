package dev.ordinal.testkit.driver;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link StatefulSetProperty}: hands the method a configured {@link PropertyDriver.Builder}
 * and checks the driver after the method returned.
 *
 * @since 0.1.0
 */
public final class StatefulSetPropertyExtension
    implements ParameterResolver, AfterTestExecutionCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StatefulSetPropertyExtension.class);

  /** For JUnit's {@code @ExtendWith}. */
  public StatefulSetPropertyExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PropertyDriver.Builder.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return builder(context);
  }

  /**
   * Checks the driver unless the method itself failed.
   *
   * @throws AssertionError with the seed and the shrunk script if a sequence fails
   */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      return;
    }
    builder(context).build().check().assertPassed();
  }

  private static PropertyDriver.Builder builder(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("builder", k -> configured(context), PropertyDriver.Builder.class);
  }

  private static PropertyDriver.Builder configured(ExtensionContext context) {
    StatefulSetProperty p =
        AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), StatefulSetProperty.class)
            .orElseThrow(
                () -> new IllegalStateException("bug: no @StatefulSetProperty on the method"));
    return PropertyDriver.builder()
        .tries(p.tries())
        .seed(p.seed())
        .events(p.minEvents(), p.maxEvents())
        .maxReplicas(p.maxReplicas());
  }
}
