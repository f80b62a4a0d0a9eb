/**
 * ControllerRevisions of a StatefulSet as upstream's {@code pkg/controller/history} and {@code
 * stateful_set_utils.go} handle them: the name hash ({@link
 * dev.ordinal.core.revision.RevisionHash}), ordering, equality and construction of revisions
 * ({@link dev.ordinal.core.revision.Revisions}).
 *
 * <p>Everything here is a pure function of its arguments. Revision names and hashes are
 * bit-compatible with the ones a real cluster computes (R-REV-1, R-REV-2), so revisions created by
 * this library and by the Kubernetes controller for the same template are interchangeable: pods
 * created by one are recognised as current by the other.
 */
@NullMarked
package dev.ordinal.core.revision;

import org.jspecify.annotations.NullMarked;
