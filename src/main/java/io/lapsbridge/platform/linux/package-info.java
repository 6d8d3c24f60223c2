/**
 * Linux local accounts for the agent: finding the managed account in {@code /etc/passwd} and
 * {@code /etc/shadow}, setting its password through {@code chpasswd} with the secret on stdin,
 * and ending its sessions through {@code loginctl}. Implements the {@code rotation} account port.
 *
 * <p>Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.policy}, {@code
 * io.lapsbridge.rotation} and the JDK.
 */
package io.lapsbridge.platform.linux;
