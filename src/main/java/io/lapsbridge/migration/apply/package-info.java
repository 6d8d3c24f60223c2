/**
 * Applying a migration plan: the worker pool and the pipelined lane that drive a {@link
 * io.lapsbridge.migration.apply.ActionWriter} (implemented by {@code directory.GuardedWriter}),
 * the journal buffering that keeps the journal the only record of what ran, the stop flag, and
 * the checks that come before a resume (plan digest, torn journal tail).
 *
 * <p>Does no file or network I/O of its own: the journal arrives as an {@link
 * java.io.OutputStream} from a {@link io.lapsbridge.migration.apply.JournalStore} adapter
 * ({@code platform.journal}), results leave through an {@link
 * io.lapsbridge.migration.apply.ApplyListener} ({@code cli} prints them). Imports {@code
 * io.lapsbridge.migration} and the JDK (threads, {@code java.io} streams, {@code
 * java.security} for SHA-256); never {@code directory}, {@code cli}, {@code java.nio.file} or
 * {@code java.net}.
 */
package io.lapsbridge.migration.apply;
