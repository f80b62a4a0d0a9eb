/**
 * Real Kubernetes manifests in, Ordinal's api values out: the one place where YAML and JSON objects
 * ({@code apps/v1} StatefulSets and ControllerRevisions, {@code v1} Pods, PersistentVolumeClaims
 * and Services) become {@link dev.ordinal.api} values.
 *
 * <p>{@link dev.ordinal.kube.ManifestReader} reads files or strings safely (bounded size, depth and
 * aliases, no arbitrary types) into typed fabric8 objects wrapped in {@link
 * dev.ordinal.kube.Manifest}s; {@link dev.ordinal.kube.KubeMapping} maps those objects, whether
 * read from a file or from a cluster, to api values. Bad input of any kind ends in one {@link
 * dev.ordinal.kube.ManifestException} naming the file, the object and the field, in the apiserver's
 * words where it has them.
 */
@NullMarked
package dev.ordinal.kube;

import org.jspecify.annotations.NullMarked;
