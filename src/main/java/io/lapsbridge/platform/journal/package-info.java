/**
 * The agent's durable state on disk: the root-only journal of the rotation in flight, the last
 * completed rotation, and the login records the PAM hook leaves. Implements the {@code rotation}
 * journal port. Also {@code migrate apply}'s journal file, behind the {@code
 * migration.apply} journal port, so that the migration engine stays free of file I/O.
 *
 * <p>Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.rotation}, {@code
 * io.lapsbridge.migration} (its ports and journal format), Jackson and the JDK.
 */
package io.lapsbridge.platform.journal;
