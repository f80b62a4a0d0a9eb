package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Service ({@code v1}) as the simulated cluster needs it: enough for headless governing services
 * and their DNS records.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}
 * @param labels {@code metadata.labels}
 * @param selector {@code spec.selector}; empty for a Service without endpoints
 * @param clusterIP {@code spec.clusterIP}: {@code None} for a headless Service, empty to have one
 *     allocated
 * @param ports {@code spec.ports}
 * @param publishNotReadyAddresses {@code spec.publishNotReadyAddresses}: DNS also lists pods that
 *     are not Ready
 * @since 0.1.0
 */
public record Service(
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> selector,
    String clusterIP,
    List<ServicePort> ports,
    boolean publishNotReadyAddresses) {

  /** {@code spec.clusterIP} of a headless Service. */
  public static final String NONE = "None";

  /**
   * Copies the maps and lists.
   *
   * @throws NullPointerException if an argument is null
   */
  public Service {
    requireNonNull(name, "name");
    requireNonNull(namespace, "namespace");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    selector = Collections.unmodifiableMap(new TreeMap<>(selector));
    requireNonNull(clusterIP, "clusterIP");
    ports = List.copyOf(ports);
  }

  /**
   * Returns a headless Service in namespace {@code default} whose labels are its selector, like the
   * tutorial's {@code nginx} Service.
   */
  public static Service headless(String name, Map<String, String> selector, ServicePort... ports) {
    return new Service(name, "default", selector, selector, NONE, List.of(ports), false);
  }

  /** Returns true if {@code clusterIP} is {@code None}. */
  public boolean isHeadless() {
    return NONE.equals(clusterIP);
  }

  /** Returns a copy in another namespace. */
  public Service inNamespace(String namespace) {
    return new Service(
        name, namespace, labels, selector, clusterIP, ports, publishNotReadyAddresses);
  }

  /** Returns a copy with this cluster IP. */
  public Service withClusterIP(String clusterIP) {
    return new Service(
        name, namespace, labels, selector, clusterIP, ports, publishNotReadyAddresses);
  }
}
