package dev.ordinal.sim;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a Service's {@code spec.ports}.
 *
 * @param name the port's name, for example {@code web}
 * @param port the port the Service exposes
 * @param targetPort the container port traffic goes to
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @since 0.1.0
 */
public record ServicePort(String name, int port, int targetPort, String protocol) {

  /**
   * Checks the port numbers.
   *
   * @throws IllegalArgumentException if a port is outside 1..65535
   */
  public ServicePort {
    requireNonNull(name, "name");
    requireNonNull(protocol, "protocol");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
    }
    if (targetPort < 1 || targetPort > 65535) {
      throw new IllegalArgumentException("targetPort must be between 1 and 65535: " + targetPort);
    }
  }

  /** Returns a TCP port whose target is the same number, as a manifest without targetPort has. */
  public static ServicePort tcp(String name, int port) {
    return new ServicePort(name, port, port, "TCP");
  }

  /** Returns the port as {@code kubectl get service} prints it, for example {@code 80/TCP}. */
  @Override
  public String toString() {
    return port + "/" + protocol;
  }
}
