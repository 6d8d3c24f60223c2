/**
 * The device-side rotation cycle: the pure decision ({@link io.lapsbridge.rotation.RotationDecider}),
 * the crash-safe orchestration ({@link io.lapsbridge.rotation.RotationCycle}: journal, directory
 * write and read-back, local account, journal cleared) and the ports it drives.
 *
 * <p>Does no I/O of its own: adapters in {@code directory} and {@code platform} implement the
 * ports. Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.policy}, {@code
 * io.lapsbridge.password}, the attribute names of {@link io.lapsbridge.wire.LapsAttribute} and
 * the JDK only.
 */
package io.lapsbridge.rotation;
