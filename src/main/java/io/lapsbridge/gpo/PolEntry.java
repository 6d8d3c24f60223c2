package io.lapsbridge.gpo;

import io.lapsbridge.policy.RawValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One Registry.pol record: {@code [key;value;type;size;data]}.
 *
 * <p>Value names starting with {@code **} are instructions ({@code **del.X}, {@code
 * **delvals.}...) rather than values.
 */
public final class PolEntry {
  private final String key;
  private final String valueName;
  private final RegistryType type;
  private final byte[] data;

  public PolEntry(String key, String valueName, RegistryType type, byte[] data) {
    this.key = Objects.requireNonNull(key, "key");
    this.valueName = Objects.requireNonNull(valueName, "valueName");
    this.type = Objects.requireNonNull(type, "type");
    this.data = data.clone();
  }

  /** A REG_DWORD record. */
  public static PolEntry dword(String key, String valueName, long value) {
    byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    return new PolEntry(key, valueName, RegistryType.REG_DWORD, data);
  }

  /** A REG_SZ record, NUL-terminated as Group Policy writes it. */
  public static PolEntry string(String key, String valueName, String value) {
    return new PolEntry(key, valueName, RegistryType.REG_SZ,
        (value + "\0").getBytes(StandardCharsets.UTF_16LE));
  }

  public String key() {
    return key;
  }

  public String valueName() {
    return valueName;
  }

  public RegistryType type() {
    return type;
  }

  public byte[] data() {
    return data.clone();
  }

  /** Whether this record is a {@code **}-instruction rather than a value. */
  public boolean isInstruction() {
    return valueName.startsWith("**");
  }

  /** The value as the policy engine sees it; empty for types LAPS never uses. */
  public Optional<RawValue> toRawValue() {
    return switch (type) {
      case REG_DWORD -> data.length == 4
          ? Optional.of(RawValue.of(Integer.toUnsignedLong(
              ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt())))
          : Optional.empty();
      case REG_QWORD -> data.length == 8
          ? Optional.of(RawValue.of(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong()))
          : Optional.empty();
      case REG_SZ, REG_EXPAND_SZ -> {
        String text = new String(data, StandardCharsets.UTF_16LE);
        int nul = text.indexOf('\0');
        yield Optional.of(RawValue.of(nul >= 0 ? text.substring(0, nul) : text));
      }
      default -> Optional.empty();
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolEntry e && key.equals(e.key) && valueName.equals(e.valueName)
        && type == e.type && Arrays.equals(data, e.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, valueName, type) * 31 + Arrays.hashCode(data);
  }

  /** Shows the type and size but not the data: policy files could one day carry a secret. */
  @Override
  public String toString() {
    return "[" + key + ";" + valueName + ";" + type + ";" + data.length + " bytes]";
  }
}
