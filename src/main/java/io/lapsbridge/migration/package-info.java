/**
 * The migration engine from legacy Microsoft LAPS to Windows LAPS: classifying each computer
 * ({@link io.lapsbridge.migration.State}), the reviewed rule file ({@link
 * io.lapsbridge.migration.Rules}), the deterministic plan of sealed {@link
 * io.lapsbridge.migration.Action}s, the re-validation of an action against a live entry, the
 * append-only journal format, and the GPO translation.
 *
 * <p>Pure: it takes {@link io.lapsbridge.migration.ComputerSnapshot}s and bytes in and gives
 * records and text out, and does no I/O. Imports {@code model}, {@code wire}, {@code policy},
 * {@code gpo} and Jackson (rule files, plan and journal codecs); never {@code directory} or
 * {@code cli}, which feed it.
 */
package io.lapsbridge.migration;
