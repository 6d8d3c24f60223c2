/**
 * Where to connect and how to bind, resolved from the command line, the {@code LAPSBRIDGE_*}
 * environment and a profile file, in that order of precedence, with the agent's rule that its bind
 * identity comes from its own command line only. Pure values and rules, testable without picocli.
 *
 * <p>May import {@code io.lapsbridge.model} and the settings records of {@code
 * io.lapsbridge.directory} it produces; must not import picocli, {@code cli}, engines or adapters.
 * Its only I/O is where settings come from: the profile file, the bind password (file, variable
 * or terminal prompt) and this host's name.
 */
package io.lapsbridge.config;
