/**
 * NTLMv2 as MS-NLMP defines it for connection-oriented use: the three messages, the AV pairs,
 * the NTLMv2 response and session keys, an initiator (client) and an acceptor (server), and the
 * per-direction signing and sealing of {@link io.lapsbridge.rpc.ntlm.NtlmSession}.
 *
 * <p>LM and NTLMv1 are refused in both roles. Owns no sockets; imports only {@code
 * io.lapsbridge.rpc} (its exception), {@code wire} (the shared little-endian codec), {@code
 * model}, {@code crypto} (the NT
 * hash) and the JDK (HMAC-MD5, MD5, RC4 as {@code ARCFOUR}). Never logs and never puts a
 * password, NT hash or session key into a message or {@code toString}.
 */
package io.lapsbridge.rpc.ntlm;
