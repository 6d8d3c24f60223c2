package io.lapsbridge.decryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.GroupKeyRequest;
import io.lapsbridge.crypto.GroupKeySource;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.crypto.RootKeyGroupKeySource;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** GetKey first, root keys when no DC answers, Unauthorized otherwise; a refusal is final. */
class OnlineFirstGroupKeysTest {
  private static final GroupKeyRequest REQUEST =
      new GroupKeyRequest(KdsFixture.DH_ROOT_KEY, 400, 1, 2,
          new SidProtectionDescriptor(KdsFixture.DOMAIN_ADMINS_SID));
  private static final GroupKeySource ROOT_KEYS =
      new RootKeyGroupKeySource(RootKeyProvider.of(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY)));

  private static OnlineFirstGroupKeys.RootKeys readable(AtomicInteger loads) {
    return new OnlineFirstGroupKeys.RootKeys() {
      @Override
      public Optional<GroupKeySource> load() {
        loads.incrementAndGet();
        return Optional.of(ROOT_KEYS);
      }

      @Override
      public String whyUnavailable() {
        return null;
      }
    };
  }

  private static final OnlineFirstGroupKeys.RootKeys UNREADABLE =
      new OnlineFirstGroupKeys.RootKeys() {
        @Override
        public Optional<GroupKeySource> load() {
          return Optional.empty();
        }

        @Override
        public String whyUnavailable() {
          return "the bind cannot read msKds-RootKeyData";
        }
      };

  @Test
  void anUnreachableDcFallsBackToReadableRootKeysOnce() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    AtomicInteger loads = new AtomicInteger();
    OnlineFirstGroupKeys keys =
        new OnlineFirstGroupKeys(
            r -> {
              asked.incrementAndGet();
              throw new LapsCryptoException(Reason.KEY_SOURCE_UNAVAILABLE, "cannot connect to dc:135");
            },
            readable(loads));
    keys.groupKey(REQUEST).wipe();
    keys.groupKey(REQUEST).wipe();
    assertEquals(1, asked.get(), "the DC is not asked again after it failed");
    assertEquals(1, loads.get());
    assertEquals(Optional.of("cannot connect to dc:135"), keys.fellBackBecause());
  }

  @Test
  void withoutReadableRootKeysEveryValueIsUnauthorizedWithBothReasons() {
    OnlineFirstGroupKeys keys =
        new OnlineFirstGroupKeys(
            r -> {
              throw new LapsCryptoException(Reason.KEY_SOURCE_UNAVAILABLE, "cannot connect to dc:135");
            },
            UNREADABLE);
    LapsCryptoException e = assertThrows(LapsCryptoException.class, () -> keys.groupKey(REQUEST));
    assertEquals(Reason.UNAUTHORIZED, e.reason());
    assertEquals(
        "no domain controller gave the key (cannot connect to dc:135) and the bind cannot read "
            + "msKds-RootKeyData",
        e.getMessage());
  }

  @Test
  void aRefusalFromADcThatAnsweredIsFinal() {
    AtomicInteger loads = new AtomicInteger();
    OnlineFirstGroupKeys keys =
        new OnlineFirstGroupKeys(
            r -> {
              throw new LapsCryptoException(Reason.UNAUTHORIZED, "not an authorized decryptor");
            },
            readable(loads));
    LapsCryptoException e = assertThrows(LapsCryptoException.class, () -> keys.groupKey(REQUEST));
    assertEquals(Reason.UNAUTHORIZED, e.reason());
    assertEquals(0, loads.get(), "root keys are not read to get round a refusal");
    assertTrue(keys.fellBackBecause().isEmpty());
  }
}
