/**
 * The apiserver's admission of a StatefulSet as pure functions: {@link
 * dev.ordinal.core.validation.Defaults} applies {@code SetDefaults_StatefulSet}, {@link
 * dev.ordinal.core.validation.SpecValidator} reports every {@link
 * dev.ordinal.core.validation.Violation} that {@code pkg/apis/apps/validation} would report on
 * create, update and status update, in the same order and with the same messages, and {@link
 * dev.ordinal.core.validation.InvalidStatefulSetException} carries them with the apiserver's {@code
 * StatusError} message. Semantics track Kubernetes v1.35 (rules R-DEF-1..5, R-VALID-1..18 and
 * R-STATUS-11 of the project's rule catalogue).
 *
 * <p>The apiserver defaults before it validates; validate {@code Defaults.apply(set)} to get its
 * verdict. Messages are printed as {@code field.Error.Error()} prints them, so they can be compared
 * byte for byte with {@code kubectl} output.
 */
@NullMarked
package dev.ordinal.core.validation;

import org.jspecify.annotations.NullMarked;
