package dev.ordinal.kube;

import static java.util.Objects.requireNonNull;

import dev.ordinal.api.IntOrString;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Service, reduced to what a StatefulSet scenario needs: the governing service whose name is the
 * set's {@code serviceName} and the pods' subdomain.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}, {@code default} when unset
 * @param labels {@code metadata.labels}
 * @param selector {@code spec.selector}
 * @param clusterIP {@code spec.clusterIP}: {@code None} for a headless service, null when unset
 *     (the apiserver then allocates one)
 * @param ports {@code spec.ports}
 * @since 0.1.0
 */
public record ObservedService(
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> selector,
    @Nullable String clusterIP,
    List<Port> ports) {

  /**
   * One entry of {@code spec.ports}.
   *
   * @param name {@code name}, "" when unset
   * @param protocol {@code protocol}, {@code TCP} when unset (the apiserver's default)
   * @param port {@code port}
   * @param targetPort {@code targetPort}, or null when unset (the apiserver then uses {@code port})
   * @since 0.1.0
   */
  public record Port(String name, String protocol, int port, @Nullable IntOrString targetPort) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if name or protocol is null
     */
    public Port {
      requireNonNull(name, "name");
      requireNonNull(protocol, "protocol");
    }
  }

  /**
   * Copies the collections.
   *
   * @throws NullPointerException if name, namespace, labels, selector or ports is null
   */
  public ObservedService {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    selector = Collections.unmodifiableMap(new TreeMap<>(selector));
    ports = List.copyOf(ports);
  }

  /** Returns true for a headless service ({@code clusterIP: None}), as a StatefulSet needs. */
  public boolean isHeadless() {
    return "None".equals(clusterIP);
  }
}
