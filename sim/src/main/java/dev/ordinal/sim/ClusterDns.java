package dev.ordinal.sim;

import dev.ordinal.api.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cluster DNS as CoreDNS serves it for Services: {@code <service>.<namespace>.svc.cluster.local}
 * resolves to the cluster IP, or for a headless Service to the IPs of its Ready endpoints; {@code
 * <hostname>.<service>.<namespace>.svc.cluster.local} resolves to the IP of the Ready endpoint pod
 * with that {@code spec.hostname} and {@code spec.subdomain}. Short names are tried with a pod's
 * search path ({@code <ns>.svc.cluster.local svc.cluster.local cluster.local}, {@code ndots:5}).
 */
final class ClusterDns {

  static final String SERVER = "10.0.0.10";
  static final String SERVER_NAME = "kube-dns.kube-system.svc.cluster.local";
  private static final String DOMAIN = "cluster.local";
  private static final String SERVICE_SUFFIX = ".svc." + DOMAIN;

  private final Store store;

  ClusterDns(Store store) {
    this.store = store;
  }

  List<String> resolve(String clientNamespace, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      return lookup(n.substring(0, n.length() - 1));
    }
    long dots = n.chars().filter(ch -> ch == '.').count();
    List<String> candidates = new ArrayList<>();
    if (dots >= 5) {
      candidates.add(n);
    }
    candidates.add(n + "." + clientNamespace + SERVICE_SUFFIX);
    candidates.add(n + SERVICE_SUFFIX);
    candidates.add(n + "." + DOMAIN);
    if (dots < 5) {
      candidates.add(n);
    }
    for (String c : candidates) {
      List<String> ips = lookup(c);
      if (!ips.isEmpty()) {
        return ips;
      }
    }
    return List.of();
  }

  /** Busybox 1.28's nslookup output, as in the StatefulSet tutorial. */
  String nslookup(String clientNamespace, String name) {
    StringBuilder out = new StringBuilder();
    out.append("Server:    ").append(SERVER).append('\n');
    out.append("Address 1: ").append(SERVER).append(' ').append(SERVER_NAME).append("\n\n");
    List<String> ips = resolve(clientNamespace, name);
    if (ips.isEmpty()) {
      out.append("nslookup: can't resolve '").append(name).append("'\n");
      return out.toString();
    }
    out.append("Name:      ").append(name).append('\n');
    for (int i = 0; i < ips.size(); i++) {
      out.append("Address ").append(i + 1).append(": ").append(ips.get(i)).append('\n');
    }
    return out.toString();
  }

  private List<String> lookup(String fqdn) {
    if (fqdn.equals(SERVER_NAME)) {
      return List.of(SERVER);
    }
    if (!fqdn.endsWith(SERVICE_SUFFIX)) {
      return List.of();
    }
    String[] parts = fqdn.substring(0, fqdn.length() - SERVICE_SUFFIX.length()).split("\\.", -1);
    if (parts.length == 2) {
      return service(parts[1], parts[0]);
    }
    if (parts.length == 3) {
      return hostname(parts[2], parts[1], parts[0]);
    }
    return List.of();
  }

  private List<String> service(String namespace, String name) {
    ServiceState s = store.service(namespace, name);
    if (s == null) {
      return List.of();
    }
    if (!s.body.isHeadless()) {
      return List.of(s.body.clusterIP());
    }
    List<String> out = new ArrayList<>();
    for (PodState p : endpoints(s)) {
      out.add(p.ip);
    }
    return out;
  }

  private List<String> hostname(String namespace, String service, String hostname) {
    ServiceState s = store.service(namespace, service);
    if (s == null || !s.body.isHeadless()) {
      return List.of();
    }
    for (PodState p : endpoints(s)) {
      if (p.hostname.equals(hostname) && service.equals(p.subdomain)) {
        return List.of(p.ip);
      }
    }
    return List.of();
  }

  /** The pods an EndpointSlice would list as serving: selected, with an IP, Ready. */
  private List<PodState> endpoints(ServiceState s) {
    List<PodState> out = new ArrayList<>();
    if (s.body.selector().isEmpty()) {
      return out;
    }
    LabelSelector selector = LabelSelector.of(s.body.selector());
    for (PodState p : store.pods()) {
      boolean serving = s.body.publishNotReadyAddresses() || (p.ready && !p.isTerminating());
      if (p.namespace.equals(s.namespace)
          && p.ip != null
          && serving
          && selector.matches(p.labels)) {
        out.add(p);
      }
    }
    return out;
  }
}
