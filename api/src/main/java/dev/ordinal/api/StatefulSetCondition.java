package dev.ordinal.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code status.conditions}. The upstream controller never writes conditions
 * (R-STATUS-7); they are kept so that an observed status round-trips.
 *
 * @since 0.1.0
 */
public record StatefulSetCondition(
    String type,
    String status,
    @Nullable Instant lastTransitionTime,
    @Nullable String reason,
    @Nullable String message) {}
