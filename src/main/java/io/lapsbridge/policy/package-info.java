/**
 * The LAPS policy engine: every Windows LAPS and legacy AdmPwd setting with its documented range
 * and default, the four policy roots and their precedence, explained effective values, the legacy
 * emulation decision and the join-state rules that end in a {@link io.lapsbridge.policy.BackupPlan}.
 *
 * <p>Pure: no I/O, no clock, no randomness. Roots are read through {@link
 * io.lapsbridge.policy.PolicySource}, which adapters (Registry.pol, JSON file, live registry)
 * implement elsewhere. Imports {@code io.lapsbridge.model}, the attribute names of {@link
 * io.lapsbridge.wire.LapsAttribute} and the JDK only.
 */
package io.lapsbridge.policy;
