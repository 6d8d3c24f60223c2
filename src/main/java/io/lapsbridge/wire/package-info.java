/**
 * Every on-the-wire format, each with exactly one codec: FILETIME in its decimal and hex forms,
 * the {@code msLAPS-Password} JSON, and the LAPS attribute definitions ({@link
 * io.lapsbridge.wire.LapsAttribute}), which are the single source of truth for the schema.
 *
 * <p>Imports {@code io.lapsbridge.model}, the JDK and Jackson's streaming core. Codec errors are
 * {@link io.lapsbridge.wire.MalformedValueException}s whose messages never repeat a password.
 */
package io.lapsbridge.wire;
