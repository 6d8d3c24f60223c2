/**
 * Every on-the-wire format, each with exactly one codec: FILETIME in its decimal and hex forms,
 * the {@code msLAPS-Password} JSON, the LAPS attribute definitions ({@link
 * io.lapsbridge.wire.LapsAttribute}), which are the single source of truth for the schema, and
 * the binary primitives every little-endian structure is built from ({@link
 * io.lapsbridge.wire.LittleEndianReader}, {@link io.lapsbridge.wire.LittleEndianWriter}, {@link
 * io.lapsbridge.wire.WindowsGuid}).
 *
 * <p>Imports {@code io.lapsbridge.model}, the JDK and Jackson's streaming core. Codec errors are
 * {@link io.lapsbridge.wire.MalformedValueException}s whose messages never repeat a password;
 * binary ones are {@link io.lapsbridge.wire.BinaryFormatException}s that carry the offset.
 */
package io.lapsbridge.wire;
