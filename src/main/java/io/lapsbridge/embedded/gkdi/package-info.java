/**
 * The stand-in's GetKey server: an endpoint mapper and MS-GKDI {@code ISDKey} over TCP, an NTLM
 * acceptor for the stand-in's users, an access check of the caller's SID and transitive groups
 * against the target security descriptor, and envelopes made from the fixture root keys as a DC
 * makes them (MS-GKDI 3.1.4.1). No released Samba serves GetKey and no Windows DC is at hand, so
 * the client in {@code rpc} is tested against this.
 *
 * <p>Imports {@code rpc} (its protocol layers, server side), {@code crypto} (envelopes),
 * {@code security} (the descriptor codec) and {@code model}; never {@code directory} or {@code
 * cli}. Account data comes through {@link io.lapsbridge.embedded.gkdi.PrincipalDirectory}.
 */
package io.lapsbridge.embedded.gkdi;
