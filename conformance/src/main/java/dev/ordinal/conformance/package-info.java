/**
 * The conformance harness: runs upstream's StatefulSet controller as a Go oracle per release, asks
 * it and Ordinal the same observations, and compares the API calls they make.
 *
 * <p>{@link dev.ordinal.conformance.Oracles} builds and starts the oracle of a {@link
 * dev.ordinal.conformance.Release}; {@link dev.ordinal.conformance.OracleProcess} speaks its line
 * protocol; {@link dev.ordinal.conformance.Requests} encodes observations as Kubernetes JSON;
 * {@link dev.ordinal.conformance.CallDiff} compares a plan's calls with the oracle's answer and
 * classifies each difference; {@link dev.ordinal.conformance.KnownDifferences} lists the classes
 * not fixed yet.
 */
@NullMarked
package dev.ordinal.conformance;

import org.jspecify.annotations.NullMarked;
