package dev.ordinal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tutorial's "stable network identity": hostnames, DNS names, and IPs that change. */
class NetworkIdentityTest {

  private static SimulatedCluster settledWeb(long seed) {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(seed), Web.set(2));
    assertThat(cluster.runUntilSettled(Web.BOUND).isSettled()).isTrue();
    return cluster;
  }

  private static String ip(SimulatedCluster cluster, String pod) {
    return cluster.findPod(pod).orElseThrow().ip();
  }

  @Test
  void eachPodsHostname_isItsName() {
    SimulatedCluster cluster = settledWeb(1);

    assertThat(cluster.hostname("web-0")).isEqualTo("web-0");
    assertThat(cluster.hostname("web-1")).isEqualTo("web-1");
  }

  @Test
  void nslookup_printsLikeBusyboxInTheTutorial() {
    SimulatedCluster cluster = settledWeb(2);

    assertThat(cluster.nslookup("web-0.nginx"))
        .isEqualTo(
            "Server:    10.0.0.10\n"
                + "Address 1: 10.0.0.10 kube-dns.kube-system.svc.cluster.local\n"
                + "\n"
                + "Name:      web-0.nginx\n"
                + "Address 1: "
                + ip(cluster, "web-0")
                + "\n");
    assertThat(cluster.nslookup("web-9.nginx")).endsWith("nslookup: can't resolve 'web-9.nginx'\n");
    assertThat(cluster.dnsServer()).isEqualTo("10.0.0.10");
  }

  @Test
  void everyFormOfThePodsName_resolvesToItsIp() {
    SimulatedCluster cluster = settledWeb(3);
    String ip = ip(cluster, "web-1");

    for (String name :
        List.of(
            "web-1.nginx",
            "web-1.nginx.default",
            "web-1.nginx.default.svc",
            "web-1.nginx.default.svc.cluster.local",
            "web-1.nginx.default.svc.cluster.local.")) {
      assertThat(cluster.resolve(name)).as(name).containsExactly(ip);
    }
    assertThat(cluster.resolve("kube-dns.kube-system.svc.cluster.local"))
        .containsExactly("10.0.0.10");
  }

  @Test
  void shortNames_useTheClientsNamespace() {
    SimulatedCluster cluster = settledWeb(4);

    assertThat(cluster.resolve("other", "web-0.nginx")).isEmpty();
    assertThat(cluster.resolve("other", "web-0.nginx.default"))
        .containsExactly(ip(cluster, "web-0"));
  }

  @Test
  void headlessService_resolvesToReadyPodsOnly() {
    SimulatedCluster cluster = settledWeb(5);
    assertThat(cluster.resolve("nginx"))
        .containsExactly(ip(cluster, "web-0"), ip(cluster, "web-1"));

    cluster.unready("web-1");

    assertThat(cluster.resolve("nginx")).containsExactly(ip(cluster, "web-0"));
    assertThat(cluster.resolve("web-1.nginx")).isEmpty();
    cluster.ready("web-1");
    assertThat(cluster.resolve("web-1.nginx")).containsExactly(ip(cluster, "web-1"));
  }

  @Test
  void deletedPods_comeBackWithTheirNamesAndNewIps() {
    SimulatedCluster cluster = settledWeb(6);
    String oldIp0 = ip(cluster, "web-0");
    String oldIp1 = ip(cluster, "web-1");
    String oldUid0 = cluster.findPod("web-0").orElseThrow().uid();

    cluster.deletePod("web-0");
    cluster.deletePod("web-1");
    SettleResult result = cluster.runUntilSettled(Web.BOUND);

    assertThat(result.isSettled()).isTrue();
    assertThat(cluster.findPod("web-0").orElseThrow().uid()).isNotEqualTo(oldUid0);
    assertThat(ip(cluster, "web-0")).isNotEqualTo(oldIp0);
    assertThat(ip(cluster, "web-1")).isNotEqualTo(oldIp1);
    assertThat(cluster.hostname("web-0")).isEqualTo("web-0");
    assertThat(cluster.resolve("web-0.nginx")).containsExactly(ip(cluster, "web-0"));
    assertThat(cluster.resolve("web-1.nginx")).containsExactly(ip(cluster, "web-1"));
  }

  @Test
  void names_doNotResolveWithoutTheGoverningService() {
    SimulatedCluster cluster = settledWeb(7);

    cluster.deleteService("nginx");

    assertThat(cluster.resolve("web-0.nginx")).isEmpty();
    assertThat(cluster.resolve("nginx")).isEmpty();
    assertThat(cluster.findPod("web-0").orElseThrow().isRunningAndReady()).isTrue();
  }

  @Test
  void aNormalService_resolvesToItsClusterIp() {
    SimulatedCluster cluster = settledWeb(8);
    Service lb =
        new Service(
            "web-lb",
            "default",
            Web.LABELS,
            Web.LABELS,
            "",
            List.of(ServicePort.tcp("web", 80)),
            false);

    SimService created = cluster.create(lb);

    assertThat(created.service().clusterIP()).matches("10\\.0\\.\\d+\\.\\d+");
    assertThat(cluster.resolve("web-lb")).containsExactly(created.service().clusterIP());
  }

  @Test
  void execIntoAPodWhoseContainerIsNotRunning_fails() {
    SimulatedCluster cluster = Web.deployed(SimulatedCluster.create(9), Web.set(1));
    cluster.advance(java.time.Duration.ofSeconds(1));

    assertThat(cluster.findPod("web-0").orElseThrow().statusText()).isEqualTo("ContainerCreating");
    assertThatThrownBy(() -> cluster.hostname("web-0"))
        .isInstanceOf(ApiException.class)
        .hasMessage("unable to upgrade connection: container not found (\"nginx\")");
  }
}
