package io.lapsbridge.rpc.gkdi;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupKey;
import io.lapsbridge.crypto.GroupKeyEnvelope;
import io.lapsbridge.crypto.GroupKeyRequest;
import io.lapsbridge.crypto.GroupKeySource;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.rpc.RpcException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decryptor's online key source: GetKey through one {@link GetKeyClient}, answers kept in a
 * {@link GroupKeyCache}, group keys derived down from them (MS-GKDI 3.2.4.3). Per run it
 * remembers two kinds of failure so that neither costs a call per value: a DC that could not be
 * reached or authenticated to (every later value fails at once with {@link
 * Reason#KEY_SOURCE_UNAVAILABLE}, one timeout per run), and an access refusal per descriptor
 * (every value encrypted to that principal is {@link Reason#UNAUTHORIZED}, the others are still
 * asked for).
 */
public final class OnlineGroupKeys implements GroupKeySource, AutoCloseable {
  private final GetKeyClient client;
  private final GroupKeyCache cache;
  private final String server;
  private final Map<String, LapsCryptoException> refusedDescriptors = new HashMap<>();
  private RpcException unavailable;

  public OnlineGroupKeys(GetKeyClient client, GroupKeyCache cache, String server) {
    this.client = client;
    this.cache = cache;
    this.server = server;
  }

  @Override
  public GroupKey groupKey(GroupKeyRequest request) throws LapsCryptoException {
    GkdiInterval node = new GkdiInterval(request.l0(), request.l1(), request.l2());
    GroupKeyEnvelope envelope = seedKeys(request.descriptor(), request.rootKeyId(), node);
    if (!envelope.rootKeyId().equals(request.rootKeyId()) || !envelope.covers(node)) {
      throw new LapsCryptoException(
          Reason.WRONG_ROOT_KEY,
          "the DC answered with " + envelope + ", which does not derive root key "
              + request.rootKeyId() + " (L0=" + node.l0() + ", L1=" + node.l1() + ", L2="
              + node.l2() + ")");
    }
    return envelope.deriveGroupKey(node);
  }

  /** A cached or freshly fetched envelope with seed keys that derive {@code node}. */
  synchronized GroupKeyEnvelope seedKeys(
      SidProtectionDescriptor descriptor, java.util.UUID rootKeyId, GkdiInterval node)
      throws LapsCryptoException {
    byte[] sd = descriptor.securityDescriptor();
    Optional<GroupKeyEnvelope> cached = cache.find(server, sd, rootKeyId, node);
    if (cached.isPresent()) {
      return cached.get();
    }
    LapsCryptoException refused = refusedDescriptors.get(descriptor.sid());
    if (refused != null) {
      throw new LapsCryptoException(refused.reason(), refused.getMessage());
    }
    failIfUnavailable();
    try {
      GroupKeyEnvelope envelope =
          client.getKey(
              new GetKeyRequest(sd, Optional.of(rootKeyId), node.l0(), node.l1(), node.l2()));
      cache.put(server, sd, envelope);
      return envelope;
    } catch (RpcException e) {
      throw translate(e, descriptor);
    }
  }

  /**
   * The group public key for {@code descriptor}'s current interval, as a Windows client asks
   * for it to encrypt (no root key, L0 = L1 = L2 = -1). Any authenticated caller may.
   */
  public synchronized GroupPublicKey publicKey(SidProtectionDescriptor descriptor)
      throws LapsCryptoException {
    failIfUnavailable();
    try {
      GroupKeyEnvelope envelope =
          client.getKey(GetKeyRequest.publicKey(descriptor.securityDescriptor()));
      // An authorized decryptor gets seed keys even for -1/-1/-1: derive the public key.
      return envelope.isPublicKeyOnly()
          ? GroupPublicKey.fromEnvelope(envelope, descriptor)
          : GroupPublicKey.fromSeedEnvelope(envelope, descriptor);
    } catch (RpcException e) {
      throw translate(e, descriptor);
    }
  }

  /** How many GetKey calls went out. */
  public int calls() {
    return client.calls();
  }

  private void failIfUnavailable() throws LapsCryptoException {
    if (unavailable != null) {
      throw new LapsCryptoException(
          Reason.KEY_SOURCE_UNAVAILABLE, "not asked again: " + unavailable.getMessage());
    }
  }

  private LapsCryptoException translate(RpcException e, SidProtectionDescriptor descriptor) {
    return switch (e.kind()) {
      case ACCESS_DENIED -> {
        LapsCryptoException refused =
            new LapsCryptoException(
                Reason.UNAUTHORIZED,
                "not an authorized decryptor of " + descriptor.sid() + ": " + e.getMessage());
        refusedDescriptors.put(descriptor.sid(), refused);
        yield refused;
      }
      case NO_SUCH_KEY -> new LapsCryptoException(Reason.UNKNOWN_ROOT_KEY, e.getMessage());
      // The DC answered, but this call failed: the next value may still succeed.
      case MALFORMED, INTEGRITY, FAULT, SERVER_ERROR ->
          new LapsCryptoException(Reason.KEY_SOURCE_UNAVAILABLE, e.getMessage());
      // Unreachable, timed out, dropped, authentication failed: the same for every value.
      case UNREACHABLE, TIMEOUT, CONNECTION_DROPPED, AUTHENTICATION_FAILED,
          STRONGER_AUTHENTICATION_REQUIRED, PROTOCOL -> {
        unavailable = e;
        yield new LapsCryptoException(Reason.KEY_SOURCE_UNAVAILABLE, e.getMessage());
      }
    };
  }

  @Override
  public synchronized void close() {
    client.close();
    cache.clear();
  }

  @Override
  public String toString() {
    return "OnlineGroupKeys[" + server + ", " + cache + "]";
  }
}
