/**
 * {@code lapsbridge shell}: one bind, many queries. {@link io.lapsbridge.shell.ShellSession}
 * parses and runs each line ({@code get}, {@code inventory}, {@code reset}, {@code help}, {@code
 * exit}) over the use cases and prints through {@code report}; {@link
 * io.lapsbridge.shell.NameCache} caches computer-name prefix searches for completion; {@link
 * io.lapsbridge.shell.ShellConsole} is the interactive side (JLine: line editing, in-memory
 * history, completion), the only class that imports JLine.
 *
 * <p>Imports {@code model}, {@code directory}, {@code usecase}, {@code report}, {@code
 * decryption}, {@code migration} (the inventory's classifier), JLine and the JDK; never {@code
 * cli} or picocli.
 */
package io.lapsbridge.shell;
