/**
 * The {@code ordinal} command: Ordinal's planner, validation and rollout status on real Kubernetes
 * manifests, from a shell.
 *
 * <p>{@link dev.ordinal.cli.Main} is the entry point; {@link dev.ordinal.cli.Main#run} runs one
 * command line in process and returns its exit code ({@link dev.ordinal.cli.Exit}). Manifests are
 * read with {@link dev.ordinal.kube.ManifestReader} and mapped with {@link
 * dev.ordinal.kube.KubeMapping}, so bad input ends in the one-line {@link
 * dev.ordinal.kube.ManifestException} message that names the file, the object and the field.
 */
@NullMarked
package dev.ordinal.cli;

import org.jspecify.annotations.NullMarked;
