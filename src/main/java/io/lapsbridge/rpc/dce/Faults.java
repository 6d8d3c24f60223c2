package io.lapsbridge.rpc.dce;

import io.lapsbridge.rpc.RpcException;

/** Fault statuses in a user's terms. */
final class Faults {
  private Faults() {}

  static RpcException toException(int status, String peer, int opnum) {
    String hex = String.format("0x%08x", status);
    if (status == Pdu.Fault.ACCESS_DENIED) {
      return new RpcException(
          RpcException.Kind.AUTHENTICATION_FAILED, status,
          peer + " denied the call (fault " + hex + "): NTLM authentication failed: wrong "
              + "password, unknown or disabled account, or NTLM is not allowed for this user",
          null);
    }
    if (status == Pdu.Fault.AUTHN_LEVEL_REFUSED) {
      return new RpcException(
          RpcException.Kind.STRONGER_AUTHENTICATION_REQUIRED, status,
          peer + " requires a stronger authentication level (fault " + hex + ")", null);
    }
    String what;
    if (status == Pdu.Fault.OP_RANGE_ERROR) {
      what = "operation " + opnum + " is not offered";
    } else if (status == Pdu.Fault.UNKNOWN_INTERFACE) {
      what = "the interface is not offered";
    } else if (status == Pdu.Fault.NDR_ERROR) {
      what = "the server could not read our request";
    } else if (status == Pdu.Fault.PROTOCOL_ERROR) {
      what = "protocol error";
    } else {
      what = "the call failed";
    }
    return new RpcException(
        RpcException.Kind.FAULT, status, peer + " answered with fault " + hex + ": " + what, null);
  }
}
