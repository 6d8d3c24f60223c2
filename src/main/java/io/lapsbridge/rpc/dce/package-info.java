/**
 * Connection-oriented DCE/RPC (C706 chapter 12, MS-RPCE 2.2.2 and 3.3.1.5): the PDUs with their
 * authentication trailer, framing over a stream, fragmentation and reassembly, NTLM packet
 * privacy, the client association ({@link io.lapsbridge.rpc.dce.DceClient}) and the server side of
 * one connection ({@link io.lapsbridge.rpc.dce.DceServerSession}).
 *
 * <p>Imports {@code io.lapsbridge.rpc} and {@code rpc.ntlm} only; knows nothing of GKDI or the
 * endpoint mapper, which plug in as stubs and {@link io.lapsbridge.rpc.dce.RpcInterfaceHandler}s.
 */
package io.lapsbridge.rpc.dce;
