/**
 * Replays kubectl scripts on the simulated cluster of {@code dev.ordinal.sim} and prints
 * what kubectl prints.
 *
 * <p>{@link dev.ordinal.scenario.ScenarioRunner} runs a script (a text file, one command a line);
 * {@link dev.ordinal.scenario.Tutorial} is the bundled transcription of the Kubernetes
 * "StatefulSet basics" tutorial, runnable section by section. Everything is deterministic: the
 * same script and seed print the same bytes.
 *
 * <p>Inside, a {@code Session} runs the script line by line: {@code Shell} parses the line, {@code
 * KubectlVerbs} (with {@code ApplyVerb} and {@code DeleteVerb}) and {@code SimVerbs} run its
 * commands, {@code Rows} and {@code GetPrinter} print what {@code kubectl get} shows, {@code
 * Watches} keeps the {@code get -w} running, {@code PodShell} and {@code BusyboxShell} are the
 * shells of {@code exec} and {@code run -it}, and {@code Transcript} puts all output in a
 * terminal's order. A line the runner cannot run is a {@code BadLineException}; what kubectl
 * itself would report is a {@code KubectlException}, printed, and the script goes on.
 */
@NullMarked
package dev.ordinal.scenario;

import org.jspecify.annotations.NullMarked;
