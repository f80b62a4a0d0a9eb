/**
 * Framework-neutral generators for property tests: random valid StatefulSets ({@link
 * dev.ordinal.testkit.gen.Specs}), random observed cluster states ({@link
 * dev.ordinal.testkit.gen.ObservedStates}) and random event sequences that print as scenario
 * scripts ({@link dev.ordinal.testkit.gen.Event}, {@link dev.ordinal.testkit.gen.Events}). Every
 * generator is a plain function of a {@link dev.ordinal.testkit.gen.Source}; {@link
 * dev.ordinal.testkit.gen.Gens} adapts them to QuickTheories.
 */
@NullMarked
package dev.ordinal.testkit.gen;

import org.jspecify.annotations.NullMarked;
