package io.lapsbridge.embedded.gkdi;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.dce.Pdu;
import io.lapsbridge.rpc.dce.RpcInterfaceHandler;
import io.lapsbridge.rpc.dce.SyntaxId;
import io.lapsbridge.rpc.epm.EptMap;
import io.lapsbridge.rpc.epm.Tower;
import java.util.List;
import java.util.function.IntSupplier;

/** {@code ept_map} for the one interface the stand-in registers: ISDKey on its TCP port. */
final class EndpointMapperService implements RpcInterfaceHandler {
  private final SyntaxId registered;
  private final IntSupplier port;
  private final byte[] address;

  EndpointMapperService(SyntaxId registered, IntSupplier port, byte[] address) {
    this.registered = registered;
    this.port = port;
    this.address = address.clone();
  }

  @Override
  public SyntaxId syntax() {
    return EptMap.EPM;
  }

  @Override
  public boolean requiresPrivacy() {
    return false;
  }

  @Override
  public Reply invoke(int opnum, byte[] stub, Caller caller) {
    if (opnum != EptMap.OPNUM) {
      return new Reply.Fault(Pdu.Fault.OP_RANGE_ERROR);
    }
    Tower asked;
    try {
      asked = EptMap.parseRequest(stub);
    } catch (RpcException e) {
      return new Reply.Fault(Pdu.Fault.NDR_ERROR);
    }
    if (!asked.iface().equals(registered)) {
      return new Reply.Stub(EptMap.response(new EptMap.Result(List.of(), EptMap.NOT_REGISTERED)));
    }
    Tower answer = new Tower(registered, SyntaxId.NDR, port.getAsInt(), address);
    return new Reply.Stub(EptMap.response(new EptMap.Result(List.of(answer), 0)));
  }
}
