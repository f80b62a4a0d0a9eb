/**
 * Replays kubectl scripts on the simulated cluster of {@code dev.ordinal.sim} and prints
 * what kubectl prints.
 *
 * <p>{@link dev.ordinal.scenario.ScenarioRunner} runs a script (a text file, one command a line);
 * {@link dev.ordinal.scenario.Tutorial} is the bundled transcription of the Kubernetes
 * "StatefulSet basics" tutorial, runnable section by section. Everything is deterministic: the
 * same script and seed print the same bytes.
 */
@NullMarked
package dev.ordinal.scenario;

import org.jspecify.annotations.NullMarked;
