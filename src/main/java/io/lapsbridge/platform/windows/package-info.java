/**
 * Windows adapters through JNA: the live LAPS policy roots in the registry and the legacy CSE
 * registration. Compiles everywhere; every entry point checks {@link
 * io.lapsbridge.platform.windows.WindowsRegistryPolicySource#supported()} first, so JNA's native
 * code is never loaded elsewhere.
 *
 * <p>Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.policy}, {@code
 * io.lapsbridge.rotation} (the account port it implements) and {@code com.sun.jna}.
 */
package io.lapsbridge.platform.windows;
