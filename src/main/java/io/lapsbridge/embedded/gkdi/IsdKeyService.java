package io.lapsbridge.embedded.gkdi;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupKeyEnvelope;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.dce.Pdu;
import io.lapsbridge.rpc.dce.RpcInterfaceHandler;
import io.lapsbridge.rpc.dce.SyntaxId;
import io.lapsbridge.rpc.gkdi.GetKeyRequest;
import io.lapsbridge.rpc.gkdi.GetKeyResponse;
import io.lapsbridge.rpc.gkdi.Hresult;
import io.lapsbridge.security.SecurityFormatException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GetKey} as a DC answers it (MS-GKDI 3.1.4.1): the caller's token is checked against the
 * target descriptor for 0x3 before any seed key leaves; only an L0 = L1 = L2 = -1 request then
 * falls back to 0x2 and the public-key-only envelope. Refusals are normal responses with a
 * failure HRESULT and a null envelope. The node returned is the current interval for the
 * current L0, and (L0, 31, 31) with the L1 key only for a past L0; the client derives down.
 */
final class IsdKeyService implements RpcInterfaceHandler {
  private final List<KdsRootKey> rootKeys;
  private final PrincipalDirectory principals;
  private final String dnsDomain;
  private final Clock clock;
  private final GetKeyServer.Misbehaviour misbehaviour;
  private final AtomicInteger calls = new AtomicInteger();

  IsdKeyService(
      List<KdsRootKey> rootKeys,
      PrincipalDirectory principals,
      String dnsDomain,
      Clock clock,
      GetKeyServer.Misbehaviour misbehaviour) {
    this.rootKeys = List.copyOf(rootKeys);
    this.principals = principals;
    this.dnsDomain = dnsDomain;
    this.clock = clock;
    this.misbehaviour = misbehaviour;
  }

  @Override
  public SyntaxId syntax() {
    return GetKeyRequest.ISDKEY;
  }

  @Override
  public boolean requiresPrivacy() {
    return true;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public Reply invoke(int opnum, byte[] stub, Caller caller) {
    if (opnum != GetKeyRequest.OPNUM) {
      return new Reply.Fault(Pdu.Fault.OP_RANGE_ERROR);
    }
    calls.incrementAndGet();
    if (misbehaviour == GetKeyServer.Misbehaviour.DROP_ON_GETKEY) {
      return new Reply.Drop();
    }
    if (misbehaviour == GetKeyServer.Misbehaviour.FAULT_ON_GETKEY) {
      return new Reply.Fault(0x1C00_0001); // nca_s_fault_int_div_by_zero: any server fault
    }
    GetKeyRequest request;
    try {
      request = GetKeyRequest.parse(stub);
    } catch (RpcException e) {
      return new Reply.Fault(Pdu.Fault.NDR_ERROR);
    }
    return new Reply.Stub(answer(request, caller).encode());
  }

  private GetKeyResponse answer(GetKeyRequest request, Caller caller) {
    Optional<Principal> principal =
        caller.authenticated() ? principals.find(caller.user()) : Optional.empty();
    if (principal.isEmpty()) {
      return GetKeyResponse.refused(Hresult.E_ACCESSDENIED);
    }
    FileTime now = FileTime.of(clock.instant());
    GkdiInterval current = GkdiInterval.of(now);
    Optional<KdsRootKey> root = rootKey(request, now);
    if (root.isEmpty()) {
      return GetKeyResponse.refused(
          request.rootKeyId().isPresent() ? Hresult.NTE_NO_KEY : Hresult.E_INVALIDARG);
    }
    KdsRootKey key = root.get();
    if (key.useStartTime() != null && key.useStartTime().ticks() > now.ticks()) {
      return GetKeyResponse.refused(Hresult.E_INVALIDARG);
    }
    byte[] sd = request.targetSd();
    boolean seedKeys;
    boolean publicKey;
    try {
      seedKeys = AccessCheck.granted(sd, principal.get().tokenSids(), AccessCheck.SEED_KEYS);
      publicKey = AccessCheck.granted(sd, principal.get().tokenSids(), AccessCheck.PUBLIC_KEY);
    } catch (SecurityFormatException e) {
      return GetKeyResponse.refused(Hresult.E_INVALIDARG);
    }
    if (request.isPublicKeyRequest()) {
      if (seedKeys) {
        return GetKeyResponse.success(
            GroupKeyEnvelope.issue(key, sd, current, false, dnsDomain, dnsDomain).encode());
      }
      return publicKey
          ? GetKeyResponse.success(
              GroupKeyEnvelope.issuePublicKey(key, sd, current, dnsDomain, dnsDomain).encode())
          : GetKeyResponse.refused(Hresult.E_ACCESSDENIED);
    }
    GkdiInterval wanted;
    try {
      wanted = new GkdiInterval(request.l0(), request.l1(), request.l2());
    } catch (IllegalArgumentException e) {
      return GetKeyResponse.refused(Hresult.E_INVALIDARG);
    }
    if (compare(wanted, current) > 0) {
      return GetKeyResponse.refused(Hresult.E_INVALIDARG); // a key from the future
    }
    if (!seedKeys) {
      return GetKeyResponse.refused(Hresult.E_ACCESSDENIED);
    }
    GroupKeyEnvelope envelope =
        wanted.l0() < current.l0()
            ? GroupKeyEnvelope.issue(
                key, sd, new GkdiInterval(wanted.l0(), 31, 31), true, dnsDomain, dnsDomain)
            : GroupKeyEnvelope.issue(key, sd, current, false, dnsDomain, dnsDomain);
    return GetKeyResponse.success(envelope.encode());
  }

  /** The named root key, or the newest usable one when none is named (as a DC picks). */
  private Optional<KdsRootKey> rootKey(GetKeyRequest request, FileTime now) {
    if (request.rootKeyId().isPresent()) {
      return rootKeys.stream().filter(k -> k.id().equals(request.rootKeyId().get())).findFirst();
    }
    return rootKeys.stream()
        .filter(k -> k.useStartTime() == null || k.useStartTime().ticks() <= now.ticks())
        .max(Comparator.comparingLong(k -> k.useStartTime() == null ? 0 : k.useStartTime().ticks()));
  }

  private static int compare(GkdiInterval a, GkdiInterval b) {
    return Long.compare(
        (long) a.l0() * 1024 + a.l1() * 32L + a.l2(), (long) b.l0() * 1024 + b.l1() * 32L + b.l2());
  }
}
