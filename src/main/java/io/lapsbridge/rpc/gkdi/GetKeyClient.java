package io.lapsbridge.rpc.gkdi;

import io.lapsbridge.crypto.GroupKeyEnvelope;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.rpc.RpcCredentials;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.dce.DceClient;
import io.lapsbridge.rpc.epm.EndpointMapper;
import io.lapsbridge.rpc.ntlm.NtlmInitiator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls {@code GetKey} on a domain controller as Windows does: the endpoint mapper on 135 for
 * ISDKey's dynamic port (asked once), an NTLMv2 bind at packet privacy, then the call. The
 * association stays open for further calls until {@link #close()}; one that broke is reopened
 * once. Refusals come back as {@link RpcException}s of kind {@code ACCESS_DENIED} or {@code
 * NO_SUCH_KEY}; a returned envelope is parsed with {@code crypto}'s parser. Not thread-safe.
 */
public final class GetKeyClient implements AutoCloseable {
  /**
   * Where the DC is and how long to wait.
   *
   * @param epmPort 135 on a real DC; the stand-in may use another
   */
  public record Endpoint(String host, int epmPort, Duration connectTimeout, Duration readTimeout) {
    public Endpoint {
      if (host == null || host.isBlank() || epmPort <= 0 || epmPort > 0xFFFF) {
        throw new IllegalArgumentException("a host and an endpoint mapper port are needed");
      }
    }

    public static Endpoint of(String host) {
      return new Endpoint(host, EndpointMapper.PORT, Duration.ofSeconds(3), Duration.ofSeconds(15));
    }
  }

  private final Endpoint endpoint;
  private final RpcCredentials credentials;
  private final SecureRandom random;
  private final Clock clock;
  private Integer dynamicPort;
  private DceClient association;
  private int calls;

  public GetKeyClient(
      Endpoint endpoint, RpcCredentials credentials, SecureRandom random, Clock clock) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.random = random;
    this.clock = clock;
  }

  /** Sends one GetKey and returns the envelope, or throws the refusal in the user's terms. */
  public GroupKeyEnvelope getKey(GetKeyRequest request) throws RpcException {
    GetKeyResponse response = GetKeyResponse.parse(call(request.encode()));
    int hr = response.hresult();
    if (Hresult.failed(hr) || response.envelope().isEmpty()) {
      throw refusal(hr, request);
    }
    try {
      return GroupKeyEnvelope.parse(response.envelope().get());
    } catch (LapsCryptoException e) {
      throw RpcException.malformed(
          endpoint.host() + " returned a group key envelope that does not parse: "
              + e.getMessage());
    }
  }

  /** How many GetKey calls went out, for the cache's tests and the benchmark. */
  public int calls() {
    return calls;
  }

  private byte[] call(byte[] stub) throws RpcException {
    boolean reused = association != null;
    try {
      calls++;
      return open().call(GetKeyRequest.OPNUM, stub);
    } catch (RpcException e) {
      closeAssociation();
      boolean broken =
          e.kind() == RpcException.Kind.CONNECTION_DROPPED
              || e.kind() == RpcException.Kind.TIMEOUT;
      if (!reused || !broken) {
        throw e;
      }
      // An idle association the DC closed: reconnect once.
      return open().call(GetKeyRequest.OPNUM, stub);
    }
  }

  private DceClient open() throws RpcException {
    if (association != null) {
      return association;
    }
    if (dynamicPort == null) {
      dynamicPort =
          EndpointMapper.lookup(
              endpoint.host(), endpoint.epmPort(), GetKeyRequest.ISDKEY,
              endpoint.connectTimeout(), endpoint.readTimeout());
    }
    DceClient client =
        DceClient.connect(
            endpoint.host(), dynamicPort, endpoint.connectTimeout(), endpoint.readTimeout());
    byte[] hash = credentials.ntHash();
    try {
      client.bind(
          GetKeyRequest.ISDKEY,
          Optional.of(
              new NtlmInitiator(credentials.user(), credentials.domain(), hash, random, clock)));
    } catch (RpcException e) {
      client.close();
      throw e;
    } finally {
      java.util.Arrays.fill(hash, (byte) 0);
    }
    association = client;
    return client;
  }

  private RpcException refusal(int hr, GetKeyRequest request) {
    String as = credentials.display();
    if (hr == Hresult.E_ACCESSDENIED) {
      return new RpcException(
          RpcException.Kind.ACCESS_DENIED, hr,
          endpoint.host() + " refused " + as + ": not an authorized decryptor ("
              + Hresult.describe(hr) + ")", null);
    }
    if (hr == Hresult.NTE_NO_KEY) {
      return new RpcException(
          RpcException.Kind.NO_SUCH_KEY, hr,
          endpoint.host() + " has no root key " + request.rootKeyId().map(Object::toString)
              .orElse("(current)") + " (" + Hresult.describe(hr) + ")", null);
    }
    if (hr == Hresult.E_INVALIDARG || hr == Hresult.NTE_BAD_KEY) {
      return new RpcException(
          RpcException.Kind.NO_SUCH_KEY, hr,
          endpoint.host() + " cannot give key (L0=" + request.l0() + ", L1=" + request.l1()
              + ", L2=" + request.l2() + "): a key from the future or a root key not yet usable ("
              + Hresult.describe(hr) + ")", null);
    }
    return new RpcException(
        RpcException.Kind.SERVER_ERROR, hr,
        endpoint.host() + " failed GetKey with " + Hresult.describe(hr), null);
  }

  private void closeAssociation() {
    if (association != null) {
      association.close();
      association = null;
    }
  }

  @Override
  public void close() {
    closeAssociation();
  }

  @Override
  public String toString() {
    return "GetKeyClient[" + endpoint.host() + ":" + endpoint.epmPort() + " as "
        + credentials.display() + "]";
  }
}
