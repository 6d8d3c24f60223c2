/**
 * The MS-GKDI {@code ISDKey} interface: {@code GetKey} (opnum 0) in NDR both ways, the HRESULTs
 * a DC answers with, the {@link io.lapsbridge.rpc.gkdi.GetKeyClient} (endpoint mapper, NTLM bind
 * at packet privacy, call), the {@link io.lapsbridge.rpc.gkdi.GroupKeyCache} of MS-GKDI 3.2.4.1,
 * and {@link io.lapsbridge.rpc.gkdi.OnlineGroupKeys}, which lets {@code crypto}'s decryptor ask a
 * DC. Imports {@code rpc}, its sub-packages, {@code model} and {@code crypto}.
 */
package io.lapsbridge.rpc.gkdi;
