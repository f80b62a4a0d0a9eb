/**
 * The I/O port: what an embedding operator implements so that the controller loop can read its
 * cluster and apply actions, with typed outcomes instead of exceptions.
 */
@NullMarked
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    defaults = @Value.Immutable(copy = true, prehash = false),
    depluralize = true,
    get = {"is*", "get*"})
package dev.ordinal.api.port;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
