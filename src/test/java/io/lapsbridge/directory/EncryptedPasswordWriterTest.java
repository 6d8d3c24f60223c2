package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History order and trimming, over values that carry only a LAPS header. */
class EncryptedPasswordWriterTest {
  /** A value whose header says {@code ticks}; {@code tag} tells values apart. */
  static byte[] value(long ticks, int tag) {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(4).putInt(0).putInt(tag);
    return b.array();
  }

  static List<Integer> tags(List<byte[]> values) {
    return values.stream().map(v -> v.length < 20 ? -1
        : ByteBuffer.wrap(v, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).toList();
  }

  @Test
  void headerTimeIsHighHalfFirst() {
    assertEquals(0x01DA934A349B798EL, EncryptedPasswordWriter.headerTicks(
        value(0x01DA934A349B798EL, 0)));
    assertEquals(Long.MIN_VALUE, EncryptedPasswordWriter.headerTicks(new byte[3]));
  }

  @Test
  void previousGoesFirstThenHistoryNewestFirstCutToSize() {
    // LDAP returns history in no particular order: 100, 300, 200.
    List<byte[]> history = List.of(value(100, 1), value(300, 3), value(200, 2));
    List<byte[]> previous = List.of(value(400, 4));
    assertEquals(List.of(4, 3, 2), tags(EncryptedPasswordWriter.nextHistory(previous, history,
        3)));
    assertEquals(List.of(4), tags(EncryptedPasswordWriter.nextHistory(previous, history, 1)));
    assertEquals(List.of(4, 3, 2, 1), tags(EncryptedPasswordWriter.nextHistory(previous,
        history, 12)));
    // No current value (first encrypted write, or unreadable): only trimming applies.
    assertEquals(List.of(3, 2), tags(EncryptedPasswordWriter.nextHistory(List.of(), history,
        2)));
  }

  @Test
  void aValueWithoutAReadableHeaderIsDroppedFirst() {
    List<byte[]> history = List.of(new byte[] {1, 2}, value(100, 1));
    assertEquals(List.of(9, 1), tags(EncryptedPasswordWriter.nextHistory(
        List.of(value(500, 9)), history, 2)));
  }

  @Test
  void fingerprintsDifferWithTheBytes() {
    assertEquals(64, EncryptedPasswordWriter.fingerprint(value(1, 1)).length());
    assertEquals(EncryptedPasswordWriter.fingerprint(value(1, 1)),
        EncryptedPasswordWriter.fingerprint(value(1, 1)));
    assertNotEquals(EncryptedPasswordWriter.fingerprint(value(1, 1)),
        EncryptedPasswordWriter.fingerprint(value(1, 2)));
  }
}
