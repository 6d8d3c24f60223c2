package io.lapsbridge.decryption;

import io.lapsbridge.crypto.GroupKey;
import io.lapsbridge.crypto.GroupKeyRequest;
import io.lapsbridge.crypto.GroupKeySource;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.util.Optional;

/**
 * The order {@code get-password} asks for group keys in when no key file is given: a domain
 * controller's GetKey as the user first; if no DC answers on RPC (or authentication to it fails),
 * the KDS root keys when the bind may read them; otherwise every value is {@code Unauthorized}.
 * A refusal by a DC that did answer is final for that value: it is the authoritative answer, and
 * falling back would only hide it. The switch happens once per run.
 */
final class OnlineFirstGroupKeys implements GroupKeySource {
  /** The root keys, read on first need; empty with a reason when the bind may not read them. */
  interface RootKeys {
    Optional<GroupKeySource> load();

    String whyUnavailable();
  }

  private final GroupKeySource online;
  private final RootKeys rootKeys;
  private String onlineFailure;
  private Optional<GroupKeySource> fallback;

  OnlineFirstGroupKeys(GroupKeySource online, RootKeys rootKeys) {
    this.online = online;
    this.rootKeys = rootKeys;
  }

  @Override
  public synchronized GroupKey groupKey(GroupKeyRequest request) throws LapsCryptoException {
    if (onlineFailure == null) {
      try {
        return online.groupKey(request);
      } catch (LapsCryptoException e) {
        if (e.reason() != Reason.KEY_SOURCE_UNAVAILABLE) {
          throw e;
        }
        onlineFailure = e.getMessage();
      }
    }
    if (fallback == null) {
      // Silent when it works: the values decrypt as they did before GetKey existed.
      fallback = rootKeys.load();
    }
    if (fallback.isEmpty()) {
      throw new LapsCryptoException(
          Reason.UNAUTHORIZED,
          "no domain controller gave the key (" + onlineFailure + ") and "
              + rootKeys.whyUnavailable());
    }
    return fallback.get().groupKey(request);
  }

  /** Whether the run fell back to root keys, and why; empty while GetKey works. */
  synchronized Optional<String> fellBackBecause() {
    return Optional.ofNullable(onlineFailure);
  }
}
