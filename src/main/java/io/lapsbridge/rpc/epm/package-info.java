/**
 * The endpoint mapper (C706 appendix L, MS-RPCE 2.2.1.2): protocol towers and {@code ept_map}
 * (opnum 3) in NDR, both directions, and {@link io.lapsbridge.rpc.epm.EndpointMapper#lookup}, which
 * asks TCP 135 for an interface's dynamic port. Imports {@code rpc} and {@code rpc.dce}.
 */
package io.lapsbridge.rpc.epm;
