/**
 * The agent's durable state on disk: the root-only journal of the rotation in flight, the last
 * completed rotation, and the login records the PAM hook leaves. Implements the {@code rotation}
 * journal port.
 *
 * <p>Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.rotation}, Jackson and the JDK.
 */
package io.lapsbridge.platform.journal;
