package dev.ordinal.sim;

/**
 * A node of the simulated cluster.
 *
 * @param name the node's name
 * @param podCidr the range its pods get IPs from, for example {@code 10.244.1.0/24}
 * @param ready false once the node is lost, until it recovers
 * @since 0.1.0
 */
public record SimNode(String name, String podCidr, boolean ready) {}
