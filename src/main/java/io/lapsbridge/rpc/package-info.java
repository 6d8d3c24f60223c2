/**
 * Online access to a domain controller's Group Key Distribution Service: DCE/RPC over TCP with
 * NTLMv2 at packet privacy, the endpoint mapper, and the MS-GKDI {@code GetKey} client.
 *
 * <p>The only package that opens RPC connections. Sub-packages: {@code ntlm} (MS-NLMP messages,
 * NTLMv2 initiator and acceptor, sealing), {@code dce} (connection-oriented PDUs, the client
 * association and the server-side session), {@code epm} ({@code ept_map} and towers), {@code gkdi}
 * ({@code GetKey}, the envelope cache, the client). May import {@code model}, {@code wire} (bytes
 * are read and written with the shared {@code LittleEndianReader} and {@code LittleEndianWriter})
 * and {@code crypto}; never {@code directory}, {@code embedded} or {@code cli}. Every failure is
 * an {@link
 * io.lapsbridge.rpc.RpcException} whose message never holds a password, hash or key.
 */
package io.lapsbridge.rpc;
