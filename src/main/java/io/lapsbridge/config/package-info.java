/**
 * Where to connect and how to bind, resolved from the command line, the {@code LAPSBRIDGE_*}
 * environment and a profile file, in that order of precedence, with the agent's rule that its bind
 * identity comes from its own command line only. Pure values and rules, testable without picocli.
 *
 * <p>May import {@code io.lapsbridge.model} and {@code io.lapsbridge.directory} (the settings
 * records it produces); must not import picocli, {@code cli}, engines or adapters. It reads the
 * profile file and the bind password file, and nothing else.
 */
package io.lapsbridge.config;
