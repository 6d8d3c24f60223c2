/**
 * Group Policy files: a strict reader and a writer for {@code Registry.pol} (the PReg format of a
 * GPO's {@code Machine/Registry.pol}), and their mapping onto the LAPS policy roots.
 *
 * <p>Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.policy} and the JDK only; callers
 * read the bytes, so this package does no I/O itself.
 */
package io.lapsbridge.gpo;
